// SPDX-License-Identifier: MIT
// The virtual YubiKey lives in src-main/core/demo (touchrole demo uses it too); tests import it here.
export * from '../../../src-main/core/demo/virtual-yubikey';
