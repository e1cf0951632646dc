// SPDX-License-Identifier: MIT
// Public API of core/mfa-device: the YubiKey as the IAM user's virtual MFA device, and ~/.aws/config edits.
export { setSectionValue, removeSectionValue, readSectionValue, configSectionName } from './ini-value-edit';
export { configFileEditor, editConfigFile, type ProfileConfigEditor } from './config-file';
export { oathMfaKey, type MfaKey } from './yubikey-mfa';
export { registerMfaDevice, type MfaDeviceDeps, type RegisterResult } from './register';
export { unregisterMfaDevice, type UnregisterResult } from './unregister';
