// SPDX-License-Identifier: MIT
/**
 * A YKOATH session on one card: SELECT on open, then list / calculate / put / delete /
 * validate / set password. Bytes come from the pure codecs; SW handling from ApduChannel and
 * oath-errors.ts; time is always an argument (`nowMs`).
 */
import { TouchroleError } from '../../../src-shared/errors';
import {
  encodeCalculate,
  encodeCalculateAll,
  encodeDelete,
  encodeList,
  encodePut,
  encodeSelect,
  encodeSetCode,
  encodeUnsetCode,
  encodeValidate,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  formatCredentialId,
  type HashAlgorithm,
  OATH_AID,
  type OathType,
  parseCalculateAllResponse,
  parseCalculateResponse,
  parseListResponse,
  parseSelectResponse,
  parseValidateResponse,
  timeStep,
  totpChallenge,
  truncatedToCode,
  type Version,
} from '../../../src-shared/oath-codec';
import type { CardTransport } from '../transport/card-transport';
import { ApduChannel, type DebugLog } from './apdu-channel';
import { constantTimeEqual, deriveOathKey, deviceIdFromSalt, hmacSha1, randomChallenge, shortenSecret } from './oath-crypto';
import { type OathOperation, parseReply, toOathError } from './oath-errors';

export interface OathCredential {
  /** The id stored on the key, "[period/][issuer:]name". */
  id: string;
  issuer: string | undefined;
  name: string;
  type: OathType;
  /** Seconds (TOTP); 0 for HOTP. */
  period: number;
  /** Known from LIST; CALCULATE_ALL does not report it. */
  algorithm: HashAlgorithm | undefined;
  /** Known from CALCULATE_ALL (0x7c); LIST does not report it. */
  touch: boolean | undefined;
}

export interface OathCode {
  value: string;
  validFromMs: number;
  /** End of the TOTP time step; undefined for HOTP (valid until used). */
  validToMs: number | undefined;
}

export interface TouchEvent {
  phase: 'waiting' | 'done' | 'timeout';
  credential: string;
}
export type OnTouch = (e: TouchEvent) => void;

export interface NewCredential {
  name: string;
  issuer?: string;
  type?: OathType;
  algorithm?: HashAlgorithm;
  digits?: number;
  period?: number;
  secret: Uint8Array;
  touch?: boolean;
  counter?: number;
}

export interface OathSessionOptions {
  debug?: DebugLog;
  randomChallenge?: () => Uint8Array;
}

export class OathSession {
  private challenge: Uint8Array | undefined;
  /** Ids CALCULATE_ALL reported as touch-required, so CALCULATE knows to prompt. */
  private readonly touchIds = new Set<string>();

  private constructor(
    private readonly channel: ApduChannel,
    readonly version: Version,
    readonly salt: Uint8Array,
    challenge: Uint8Array | undefined,
    private readonly newChallenge: () => Uint8Array,
  ) {
    this.challenge = challenge;
  }

  /** SELECT the OATH applet. `randomChallenge` is injectable so tests can script VALIDATE bytes. */
  static async open(transport: CardTransport, options: OathSessionOptions = {}): Promise<OathSession> {
    const channel = new ApduChannel(transport, options.debug);
    const reply = await run(() => channel.send(encodeSelect(OATH_AID)), 'select');
    const select = parseReply(() => parseSelectResponse(reply));
    return new OathSession(channel, select.version, select.salt, select.challenge, options.randomChallenge ?? randomChallenge);
  }

  /** ykman's device id: stable for the applet until it is reset. */
  get deviceId(): string {
    return deviceIdFromSalt(this.salt);
  }

  /** A password is set and has not been validated in this session. */
  get locked(): boolean {
    return this.challenge !== undefined;
  }

  deriveKey(password: string): Uint8Array {
    return deriveOathKey(password, this.salt);
  }

  /** Mutual challenge-response: prove we hold the key, then check the card does too. */
  async validate(key: Uint8Array): Promise<void> {
    const theirs = this.challenge;
    if (theirs === undefined) return;
    const ours = this.newChallenge();
    const reply = await run(() => this.channel.send(encodeValidate(hmacSha1(key, theirs), ours)), 'validate');
    if (
      !constantTimeEqual(
        parseReply(() => parseValidateResponse(reply)),
        hmacSha1(key, ours),
      )
    ) {
      throw new TouchroleError('oath-error', 'The YubiKey failed mutual authentication', {
        hint: 'reinsert the YubiKey and try again',
      });
    }
    this.challenge = undefined;
  }

  /** Set (or with undefined, remove) the OATH password; returns the new derived key. */
  async setPassword(password: string | undefined): Promise<Uint8Array | undefined> {
    if (password === undefined) {
      await run(() => this.channel.send(encodeUnsetCode()), 'command');
      return undefined;
    }
    const key = this.deriveKey(password);
    const challenge = this.newChallenge();
    await run(() => this.channel.send(encodeSetCode(key, challenge, hmacSha1(key, challenge))), 'command');
    return key;
  }

  async list(): Promise<OathCredential[]> {
    const reply = await run(() => this.channel.send(encodeList()), 'command');
    const listed = parseReply(() => parseListResponse(reply));
    return listed.map((c) => ({ ...c, touch: this.touchIds.has(c.id) ? true : undefined }));
  }

  /**
   * Codes for every credential at `nowMs`. Touch and HOTP credentials get no code (that
   * would need a touch or spend a counter); non-30 s TOTP is recalculated with its own period.
   */
  async calculateAll(nowMs: number): Promise<Array<{ credential: OathCredential; code: OathCode | undefined }>> {
    const reply = await run(() => this.channel.send(encodeCalculateAll(totpChallenge(nowMs, DEFAULT_PERIOD))), 'command');
    const out: Array<{ credential: OathCredential; code: OathCode | undefined }> = [];
    for (const entry of parseReply(() => parseCalculateAllResponse(reply))) {
      const touch = entry.result.kind === 'touch';
      if (touch) this.touchIds.add(entry.id);
      else this.touchIds.delete(entry.id);
      const { id, issuer, name, type, period } = entry;
      const credential: OathCredential = { id, issuer, name, type, period, algorithm: undefined, touch };
      let code: OathCode | undefined;
      if (entry.result.kind === 'truncated') {
        const truncated = entry.result.code;
        code =
          entry.period === DEFAULT_PERIOD
            ? totpCode(
                parseReply(() => truncatedToCode(truncated)),
                nowMs,
                entry.period,
              )
            : await this.calculate(entry.id, nowMs, { type: 'totp', period: entry.period, touch: false });
      }
      out.push({ credential, code });
    }
    return out;
  }

  /**
   * One code. `touch` defaults to what CALCULATE_ALL reported; when set, `onTouch` hears
   * 'waiting' before the command and 'done' or 'timeout' after it.
   */
  async calculate(id: string, nowMs: number, options: { type?: OathType; period?: number; touch?: boolean; onTouch?: OnTouch } = {}): Promise<OathCode> {
    const type = options.type ?? 'totp';
    const period = options.period ?? DEFAULT_PERIOD;
    const touch = options.touch ?? this.touchIds.has(id);
    const challenge = type === 'totp' ? totpChallenge(nowMs, period) : new Uint8Array(0);
    if (touch) options.onTouch?.({ phase: 'waiting', credential: id });
    try {
      const reply = await run(() => this.channel.send(encodeCalculate(id, challenge)), touch ? 'calculate-touch' : 'calculate', id);
      if (touch) options.onTouch?.({ phase: 'done', credential: id });
      const value = parseReply(() => truncatedToCode(parseCalculateResponse(reply)));
      return type === 'totp' ? totpCode(value, nowMs, period) : { value, validFromMs: nowMs, validToMs: undefined };
    } catch (e) {
      if (touch && e instanceof TouchroleError && e.code === 'touch-timeout') {
        options.onTouch?.({ phase: 'timeout', credential: id });
      }
      throw e;
    }
  }

  /** Store a credential (replacing one with the same id); returns its id. */
  async put(cred: NewCredential): Promise<string> {
    const type = cred.type ?? 'totp';
    const algorithm = cred.algorithm ?? 'SHA1';
    const id = formatCredentialId(type, { issuer: cred.issuer, name: cred.name, period: cred.period ?? DEFAULT_PERIOD });
    const apdu = encodePut({
      id,
      type,
      algorithm,
      digits: cred.digits ?? DEFAULT_DIGITS,
      secret: shortenSecret(cred.secret, algorithm),
      touch: cred.touch ?? false,
      counter: cred.counter ?? 0,
    });
    await run(() => this.channel.send(apdu), 'put', id);
    return id;
  }

  async delete(id: string): Promise<void> {
    await run(() => this.channel.send(encodeDelete(id)), 'delete', id);
    this.touchIds.delete(id);
  }
}

function totpCode(value: string, nowMs: number, period: number): OathCode {
  const step = timeStep(nowMs, period);
  return { value, validFromMs: step * period * 1000, validToMs: (step + 1) * period * 1000 };
}

async function run(fn: () => Promise<Uint8Array>, op: OathOperation, credential = ''): Promise<Uint8Array> {
  try {
    return await fn();
  } catch (e) {
    throw toOathError(e, op, credential);
  }
}
