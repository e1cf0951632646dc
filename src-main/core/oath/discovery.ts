// SPDX-License-Identifier: MIT
/**
 * Which readers hold a YubiKey: every reader with a card is asked to SELECT the OATH AID
 * (never matched by reader name, so NFC readers work). Each key is identified by its device
 * id (from the SELECT salt) and, where the management applet answers, its serial.
 */
import { TouchroleError } from '../../../src-shared/errors';
import type { CardReaders } from '../transport/readers';
import { ApduChannel } from './apdu-channel';
import { readSerial } from './management';
import { OathSession, type OathSessionOptions } from './oath-session';

export interface YubiKeyInfo {
  reader: string;
  deviceId: string;
  /** OATH applet firmware version, "5.4.3". */
  version: string;
  /** A password is set (the session needs VALIDATE). */
  locked: boolean;
  serial: number | undefined;
}

/** Choose by serial, reader name or device id; all optional. */
export interface KeySelector {
  serial?: number;
  reader?: string;
  deviceId?: string;
}

/** A key found by `openKeys`, its connection still open and the OATH applet selected. */
export interface OpenKey {
  info: YubiKeyInfo;
  session: OathSession;
  close(): Promise<void>;
}

export interface DiscoveryOptions extends OathSessionOptions {
  /** Read each key's serial from the management applet (2 more APDUs per key; default true). */
  serial?: boolean;
}

/** Every YubiKey present, identified; their connections are closed again. */
export async function discoverKeys(readers: CardReaders, options: DiscoveryOptions = {}): Promise<YubiKeyInfo[]> {
  const open = await openKeys(readers, options);
  await closeAll(open);
  return open.map((k) => k.info);
}

/**
 * Every YubiKey present, with its connection left open and the OATH applet selected, so the
 * caller can use the key it chooses without a second connect and SELECT (and must close all).
 */
export async function openKeys(readers: CardReaders, options: DiscoveryOptions = {}): Promise<OpenKey[]> {
  const keys: OpenKey[] = [];
  let busy: TouchroleError | undefined;
  let failed: unknown;
  for (const reader of (await readers.listReaders()).filter((r) => r.cardPresent)) {
    try {
      const transport = await readers.connect(reader.name);
      try {
        // The serial first: selecting the management applet deselects OATH, which comes last.
        const serial = options.serial === false ? undefined : await readSerial(new ApduChannel(transport, options.debug));
        const session = await OathSession.open(transport, options);
        keys.push({
          info: { reader: reader.name, deviceId: session.deviceId, version: session.version.join('.'), locked: session.locked, serial },
          session,
          close: () => transport.close(),
        });
      } catch (e) {
        await transport.close();
        throw e;
      }
    } catch (e) {
      // Not a YubiKey, pulled out while we looked, held by another program, or a reader in
      // trouble: skip it, so one bad reader does not hide a good key in another. Remember
      // why, so "not found" does not hide the real reason when no key answers at all.
      if (e instanceof TouchroleError && e.code === 'yubikey-busy') busy = e;
      else if (!notAYubiKey(e)) failed ??= e;
    }
  }
  if (keys.length === 0 && (busy ?? failed) !== undefined) throw busy ?? failed;
  return keys;
}

export async function closeAll(keys: readonly OpenKey[]): Promise<void> {
  for (const k of keys) await k.close();
}

/**
 * Failures that mean "no usable OATH applet here" rather than a problem to report. A card that
 * accepts the OATH SELECT but answers unreadable bytes ('yubikey-bad-response') is reported
 * when no key answers: other cards refuse the AID instead (6A82, 'oath-applet-missing').
 */
function notAYubiKey(e: unknown): boolean {
  return e instanceof TouchroleError && ['oath-applet-missing', 'yubikey-removed', 'oath-error'].includes(e.code);
}

export function describeKey(k: YubiKeyInfo): string {
  return `${k.serial === undefined ? `device ${k.deviceId}` : `serial ${k.serial}`} in "${k.reader}"`;
}

function notFound(detail?: string): TouchroleError {
  return new TouchroleError('yubikey-not-found', `YubiKey not found${detail ? ` (${detail})` : ''}: insert it or check that its CCID interface is enabled`, {
    hint: 'list what is connected with `touchrole yubikey list`; enable CCID with `ykman config usb --enable-all`',
  });
}

/** The one key `selector` names; with no selector, the only key present. */
export function chooseKey(keys: readonly YubiKeyInfo[], selector?: KeySelector): YubiKeyInfo;
export function chooseKey<K>(keys: readonly K[], selector: KeySelector, infoOf: (k: K) => YubiKeyInfo): K;
export function chooseKey<K>(keys: readonly K[], selector: KeySelector = {}, infoOf = (k: K): YubiKeyInfo => k as YubiKeyInfo): K {
  const matches = (k: YubiKeyInfo): boolean =>
    (selector.serial === undefined || k.serial === selector.serial) &&
    (selector.reader === undefined || k.reader === selector.reader) &&
    (selector.deviceId === undefined || k.deviceId === selector.deviceId);
  const matching = keys.filter((key) => matches(infoOf(key)));
  const [first] = matching;
  if (first === undefined) {
    const wanted = [
      selector.serial === undefined ? '' : `serial ${selector.serial}`,
      selector.reader === undefined ? '' : `reader "${selector.reader}"`,
      selector.deviceId === undefined ? '' : `device ${selector.deviceId}`,
    ].filter(Boolean);
    throw notFound(wanted.length ? `none with ${wanted.join(', ')}; found ${keys.length}` : undefined);
  }
  if (matching.length > 1) {
    throw new TouchroleError('yubikey-ambiguous', `Several YubiKeys are connected: ${matching.map((k) => describeKey(infoOf(k))).join('; ')}`, {
      hint: 'unplug the others, or choose one with --serial <serial> or --reader "<reader name>"',
    });
  }
  return first;
}
