// SPDX-License-Identifier: MIT
/**
 * Shapes of the ARNs a touchrole profile names. Partitions: aws, aws-cn, aws-us-gov, aws-iso,
 * aws-iso-b, ... Names follow IAM's character set: letters, digits and +=,.@_-.
 */
const PARTITION = 'aws(?:-[a-z]+)*';
const ACCOUNT = '\\d{12}';
const IAM_NAME = '[\\w+=,.@-]{1,128}';
// An optional IAM path between the type and the name: role/division/team/NAME.
const IAM_PATH = '(?:[\\x21-\\x7e]*/)?';

const ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:role/${IAM_PATH}${IAM_NAME}$`);
const MFA_ARN = new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:mfa/${IAM_PATH}${IAM_NAME}$`);
// A hardware MFA token's serial number (SerialNumber also accepts these): no "arn:".
const HARDWARE_SERIAL = /^[\w+=/:,.@-]{9,256}$/;

export function isRoleArn(value: string): boolean {
  return ROLE_ARN.test(value);
}

export type MfaSerialCheck = 'ok' | 'not-totp' | 'invalid';

/** A virtual MFA device ARN or a hardware token serial; U2F/passkey ARNs cannot give codes. */
export function checkMfaSerial(value: string): MfaSerialCheck {
  if (/^arn:[^:]+:iam::\d{12}:u2f\//.test(value)) return 'not-totp';
  if (value.startsWith('arn:')) return MFA_ARN.test(value) ? 'ok' : 'invalid';
  return HARDWARE_SERIAL.test(value) ? 'ok' : 'invalid';
}
