// SPDX-License-Identifier: MIT
// Public API of core/prompt: reaching the user for a YubiKey touch, and reading secrets safely.
export { createTouchPrompter } from './touch-prompter';
export type { TouchInfo, TouchPrompter, TouchPrompterOptions } from './touch-prompter';
export { readSecret } from './secret-input';
export type { ReadSecretOptions, SecretSource } from './secret-input';
