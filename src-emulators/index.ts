// SPDX-License-Identifier: MIT
// Public API of the emulators layer (loaded by `touchrole demo` and the tests, never shipped in the app): the whole flow with no hardware and no AWS account.
export { runDemo, type DemoOptions, type DemoReport } from './run-demo';
export { memoryKeychain, virtualKeyReaders, DEMO_READER } from './in-memory-devices';
export { startStsEmulator, type StsEmulator } from './sts-emulator';
export { VirtualYubiKey } from './virtual-yubikey';
