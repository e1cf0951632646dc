// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';

/**
 * keytar rejects with plain Errors whose only content is the platform's message, so the
 * mapping is by message. The Linux messages are the ones libsecret/GDBus produce (observed
 * with gnome-keyring in scripts/with-keyring.sh and the vault integration tests); macOS and
 * Windows ones are from Security.framework / Credential Manager documentation.
 */
const UNAVAILABLE: RegExp[] = [
  /Cannot autolaunch D-Bus/i, // no DBUS_SESSION_BUS_ADDRESS and no X11 $DISPLAY
  /dbus-launch/i, // no session bus address; autolaunch attempted and failed
  /Could not connect/i, // DBUS_SESSION_BUS_ADDRESS points at a dead bus
  /org\.freedesktop\.secrets was not provided/i, // a bus, but no Secret Service provider
  /ServiceUnknown/i,
  /NoReply|Timeout was reached/i, // provider hung
  /libsecret|cannot open shared object/i, // native binding could not load
];

const NO_DEFAULT_COLLECTION = /Object does not exist at path .*\/collection\//i;

const LOCKED: RegExp[] = [
  /locked collection/i, // "Cannot create an item in a locked collection"
  /is locked/i,
  /User interaction is not allowed/i, // macOS errSecInteractionNotAllowed: keychain locked
  /user canceled|operation was canceled/i, // unlock dialog dismissed
];

const LINUX_HINT = 'On Linux, run gnome-keyring (or another Secret Service provider) in a D-Bus session.';

export function keychainUnavailable(detail: string, platform: NodeJS.Platform, cause?: unknown): TouchroleError {
  return new TouchroleError('keychain-unavailable', `The OS keychain is not available (${detail})`, {
    hint: platform === 'linux' ? LINUX_HINT : 'Check that the system keychain service is running.',
    cause,
  });
}

export function keychainLocked(platform: NodeJS.Platform, cause?: unknown): TouchroleError {
  return new TouchroleError('keychain-locked', 'The OS keychain is locked', {
    hint: platform === 'darwin' ? 'Unlock the login keychain (Keychain Access) and retry.' : 'Unlock the login keyring and retry.',
    cause,
  });
}

/** Translate whatever keytar threw into a TouchroleError; the message never carries a secret. */
export function mapKeychainError(e: unknown, platform: NodeJS.Platform): TouchroleError {
  if (e instanceof TouchroleError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (LOCKED.some((re) => re.test(message))) return keychainLocked(platform, e);
  if (NO_DEFAULT_COLLECTION.test(message)) {
    return new TouchroleError('keychain-unavailable', 'The OS keychain has no default (login) keyring', {
      hint: 'Create or unlock a login keyring (e.g. with Seahorse, or gnome-keyring-daemon --unlock) and retry.',
      cause: e,
    });
  }
  if (UNAVAILABLE.some((re) => re.test(message))) return keychainUnavailable(firstLine(message), platform, e);
  // Unknown failure: still a keychain problem the user must look at; keep the platform's words.
  return keychainUnavailable(firstLine(message), platform, e);
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).slice(0, 200);
}
