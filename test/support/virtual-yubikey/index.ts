// SPDX-License-Identifier: MIT
// The virtual YubiKey lives in src-emulators (touchrole demo uses it too); tests import it here.
export * from '../../../src-emulators/virtual-yubikey';
