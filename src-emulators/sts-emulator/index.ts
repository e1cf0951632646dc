// SPDX-License-Identifier: MIT
// The built-in STS + IAM emulator for `touchrole demo` and tests: AWS Query over loopback HTTP,
// SigV4-verified, with MFA (TOTP) checks and expiring temporary credentials.
export { startStsEmulator, type StsEmulator, type StsEmulatorOptions } from './server';
export type { AddedUser, AddMfaDeviceOptions, AddRoleOptions, AddUserOptions } from './seed-directory';
export { DEFAULT_ACCOUNT_ID } from './directory';
