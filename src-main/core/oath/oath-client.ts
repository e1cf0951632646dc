// SPDX-License-Identifier: MIT
/**
 * What the CLI and the app call: list keys and credentials, read one code (with touch
 * events), unlock (store the derived key, never the password, in the keychain) and forget.
 * Each call opens and closes its own card connections, so nothing holds the YubiKey between calls.
 */
import { TouchroleError } from '../../../src-shared/errors';
import { awsMfaArnIn } from '../../../src-shared/oath-codec';
import { CardWatcher, type CardReaders, type CardWatcherOptions } from '../transport/readers';
import type { Keychain } from '../vault/keychain-port';
import { OathKeyStore } from '../vault/oath-key-store';
import type { DebugLog } from './apdu-channel';
import { matchCredential } from './credential-match';
import { chooseKey, closeAll, discoverKeys, openKeys, type KeySelector, type OpenKey, type YubiKeyInfo } from './discovery';
import { lockedError } from './oath-errors';
import type { OathCode, OathCredential, OathSession, OathSessionOptions, OnTouch } from './oath-session';

export interface OathClientDeps {
  readers: CardReaders;
  keychain: Keychain;
  debug?: DebugLog;
  /** Source of VALIDATE host challenges; random by default (tests fix it to script bytes). */
  randomChallenge?: () => Uint8Array;
}

export interface CredentialView extends OathCredential {
  /** The AWS virtual MFA device ARN inside the name, when there is one (usable as mfa_serial). */
  awsMfaArn: string | undefined;
}

export interface KeyListing extends YubiKeyInfo {
  /** Undefined while the key is locked and the keychain holds no key for it. */
  credentials: CredentialView[] | undefined;
}

export interface CodeResult {
  key: YubiKeyInfo;
  credential: CredentialView;
  code: OathCode;
}

interface SessionOptions {
  /** Validate with the key stored in the keychain when the applet is locked (default true). */
  autoUnlock?: boolean;
  /** Read the key's serial from the management applet (default true; always when selecting by serial). */
  serial?: boolean;
}

export { oathKeyAccount } from '../vault/oath-key-store';

const view = (c: OathCredential): CredentialView => ({ ...c, awsMfaArn: awsMfaArnIn(c.id) });

export class OathClient {
  /** Card conversations run one at a time, see `exclusive`. */
  private tail: Promise<unknown> = Promise.resolve();
  /** The derived keys, validated on the way out of the keychain. */
  private readonly keys: OathKeyStore;

  constructor(private readonly deps: OathClientDeps) {
    this.keys = new OathKeyStore(deps.keychain);
  }

  /** Insert/remove events of the readers this client uses (told by PC/SC, not polled; the caller starts and stops it). */
  watchReaders(options: CardWatcherOptions = {}): CardWatcher {
    return new CardWatcher(this.deps.readers, options);
  }

  /** Every YubiKey present, with credentials (name, type, algorithm, period, touch, AWS ARN). */
  async listKeys(options: { nowMs: number }): Promise<KeyListing[]> {
    return this.exclusive(() => this.listKeysNow(options.nowMs));
  }

  private async listKeysNow(nowMs: number): Promise<KeyListing[]> {
    const open = await openKeys(this.deps.readers, this.sessionOptions());
    try {
      const out: KeyListing[] = [];
      for (const { info, session } of open) {
        await this.autoUnlock(session);
        out.push({ ...info, credentials: session.locked ? undefined : await this.credentials(session, nowMs) });
      }
      return out;
    } finally {
      await closeAll(open);
    }
  }

  /**
   * Run `fn` on an open session with the chosen key, auto-unlocked when the keychain has its
   * key (unless `options.autoUnlock` is false). `fn` must not call this client again (calls are serialised and would wait on it).
   */
  async withOathSession<T>(selector: KeySelector, fn: (session: OathSession, key: YubiKeyInfo) => Promise<T>, options: SessionOptions = {}): Promise<T> {
    return this.exclusive(() => this.sessionNow(selector, fn, options));
  }

  /**
   * Discovery leaves each key's connection open with OATH selected, so the chosen key is used
   * on that same connection: one connect and one SELECT per call, however many keys there are.
   */
  private async sessionNow<T>(selector: KeySelector, fn: (session: OathSession, key: YubiKeyInfo) => Promise<T>, options: SessionOptions = {}): Promise<T> {
    const open = await openKeys(this.deps.readers, { ...this.sessionOptions(), serial: selector.serial !== undefined || options.serial !== false });
    let chosen: OpenKey;
    try {
      chosen = chooseKey(open, selector, (k) => k.info);
    } finally {
      // Only the chosen key stays connected while `fn` runs (it may wait for a touch).
      await closeAll(open.filter((k) => k !== chosen));
    }
    try {
      if (options.autoUnlock ?? true) await this.autoUnlock(chosen.session);
      return await fn(chosen.session, chosen.info);
    } finally {
      await chosen.close();
    }
  }

  /** One code for `credentialName` (id, AWS MFA ARN, name or unique substring). */
  async readCode(
    credentialName: string,
    options: { nowMs: number; onTouch?: OnTouch; device?: KeySelector; /** Read the key's serial too (default true). */ identify?: boolean },
  ): Promise<CodeResult> {
    const read = async (session: OathSession, key: YubiKeyInfo): Promise<CodeResult> => {
      if (session.locked) throw lockedError();
      const all = await session.calculateAll(options.nowMs);
      const hit = matchCredential(
        all.map((e) => e.credential),
        credentialName,
      );
      const known = all.find((e) => e.credential.id === hit.id)?.code;
      const code =
        known ??
        (await session.calculate(hit.id, options.nowMs, {
          type: hit.type,
          period: hit.period,
          touch: hit.touch === true,
          ...(options.onTouch ? { onTouch: options.onTouch } : {}),
        }));
      return { key, credential: view(hit), code };
    };
    return this.withOathSession(options.device ?? {}, read, { serial: options.identify !== false });
  }

  /**
   * Check `password` with VALIDATE and keep the derived key in the keychain (replacing any
   * stored one). `stored: false` means the key has no password: nothing to unlock.
   */
  async unlock(password: string, options: { device?: KeySelector } = {}): Promise<{ key: YubiKeyInfo; stored: boolean }> {
    // No auto-unlock here: a stored key would open the session and leave `password` unchecked.
    const unlockWith = async (session: OathSession, key: YubiKeyInfo): Promise<{ key: YubiKeyInfo; stored: boolean }> => {
      if (!session.locked) return { key, stored: false };
      const derived = session.deriveKey(password);
      await session.validate(derived);
      await this.keys.set(key.deviceId, derived);
      return { key, stored: true };
    };
    return this.withOathSession(options.device ?? {}, unlockWith, { autoUnlock: false });
  }

  /** Remove the stored key of the chosen device; reports whether one was stored. */
  async forget(options: { device?: KeySelector } = {}): Promise<{ key: YubiKeyInfo; removed: boolean }> {
    return this.exclusive(async () => {
      const key = chooseKey(await discoverKeys(this.deps.readers, this.sessionOptions()), options.device ?? {});
      return { key, removed: await this.keys.remove(key.deviceId) };
    });
  }

  /**
   * One card conversation at a time: two interleaved connections to one card would reselect
   * each other's applet mid-command (the binding offers no PC/SC transactions).
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async credentials(session: OathSession, nowMs: number): Promise<CredentialView[]> {
    // LIST knows the algorithm, CALCULATE_ALL knows touch: merge them.
    const listed = await session.list();
    const touch = new Map((await session.calculateAll(nowMs)).map((e) => [e.credential.id, e.credential.touch]));
    return listed.map((c) => view({ ...c, touch: touch.get(c.id) }));
  }

  private async autoUnlock(session: OathSession): Promise<void> {
    if (!session.locked) return;
    const stored = await this.keys.get(session.deviceId);
    if (stored === undefined) return;
    try {
      await session.validate(stored);
    } catch (e) {
      if (!(e instanceof TouchroleError && e.code === 'oath-wrong-password')) throw e;
      // The password was changed elsewhere: the stored key is useless, so drop it.
      await this.keys.remove(session.deviceId);
      throw new TouchroleError('oath-locked', 'The stored OATH key no longer opens this YubiKey (its password changed)', {
        hint: 'run `touchrole yubikey unlock` with the new password',
      });
    }
  }

  private sessionOptions(): OathSessionOptions {
    return {
      ...(this.deps.debug ? { debug: this.deps.debug } : {}),
      ...(this.deps.randomChallenge ? { randomChallenge: this.deps.randomChallenge } : {}),
    };
  }
}
