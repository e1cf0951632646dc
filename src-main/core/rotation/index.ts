// SPDX-License-Identifier: MIT
// Public API of core/rotation: access-key age and reminders, and safe key rotation over the IAM/STS ports.
export { RotationStateFile, type RotationStateData, type PendingDeletion, type KeyDateRecord } from './rotation-state';
export { iamCallContext, type IamMfa, type IamSessionDeps } from './iam-session';
export { keychainKeyHome, credentialsFileKeyHome, replaceKeyPair, unsupportedKeyHome, type KeyHome } from './key-home';
export { verifyNewKey, type VerifyOptions } from './verify-key';
export { rotateAccessKey, type RotationDeps, type RotateOptions, type RotationResult } from './rotate-key';
export { finishRotation, type FinishDeps, type FinishResult } from './finish-rotation';
export { keysAgeReport, rotationReminders, type KeyAgeDeps, type KeyAgeEntry, type KeyAgeSource, type KeyDateSource, type RotationReminder } from './key-age';
export { keyAgeSources, maxAgeDaysFor, KEY_MAX_AGE_KEY } from './key-age-sources';
