// SPDX-License-Identifier: MIT
/** Pure YKOATH codecs: TLV, APDU, commands, responses, credential ids, TOTP arithmetic. */
export * from './apdu';
export * from './aws-mfa-arn';
export * from './credential-id';
export * from './tlv';
export * from './totp';
export * from './ykoath';
export * from './ykoath-commands';
export * from './ykoath-responses';
