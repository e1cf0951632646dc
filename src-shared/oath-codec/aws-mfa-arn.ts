// SPDX-License-Identifier: MIT
/** Finding an AWS virtual MFA device ARN inside an OATH credential name ("AWS:arn:aws:iam::…"). */

// Partition covers aws, aws-cn, aws-us-gov; the device name follows IAM's allowed characters
// and may include a path (mfa/path/name).
const MFA_ARN = /arn:aws[a-z-]*:iam::\d{12}:mfa\/[\w+=,.@/-]+/;

/** The first `arn:aws:iam::<12 digits>:mfa/<name>` in a credential name, or undefined. */
export function awsMfaArnIn(credentialName: string): string | undefined {
  return MFA_ARN.exec(credentialName)?.[0];
}
