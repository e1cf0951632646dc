// SPDX-License-Identifier: MIT
/**
 * The YKOATH applet as a YubiKey 5 runs it: the card side of SELECT, LIST, PUT, DELETE,
 * RENAME, CALCULATE, CALCULATE_ALL, SET_CODE, VALIDATE and RESET, with the device's status
 * words. Response chaining (SEND_REMAINING) and command chaining live in the card router.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type CardResponse, type CommandApdu, ok, status, SW } from './apdu';
import type { Applet } from './applet';
import { algorithmFromCode, ALGORITHM_CODES, type StoredCredential } from './credential';
import { dynamicTruncate, hmac, movingFactor } from './oath-crypto';
import { encodeTlv, parseTlvs } from './tlv';
import { byId, deleteCredential, find, listCredentials, putCredential, renameCredential } from './oath-store-commands';
import type { TouchSensor } from './touch';
import {
  TAG_NAME,
  TAG_KEY,
  TAG_CHALLENGE,
  TAG_RESPONSE,
  TAG_TRUNCATED,
  TAG_HOTP,
  TAG_VERSION,
  TAG_ALGORITHM,
  TAG_TOUCH,
  INS_PUT,
  INS_DELETE,
  INS_SET_CODE,
  INS_RESET,
  INS_RENAME,
  INS_LIST,
  INS_CALCULATE,
  INS_VALIDATE,
  INS_CALCULATE_ALL,
  INS_SEND_REMAINING,
} from './ykoath-constants';

export const OATH_AID = Buffer.from('a0000005272101', 'hex');

/** What survives power cycles: the applet's persistent memory. */
export interface OathStore {
  credentials: StoredCredential[];
  /** The 16-byte access key (PBKDF2 of the password), undefined when no password is set. */
  accessKey: Buffer | undefined;
  /** 8 random bytes; the device ID clients derive from it changes on RESET. */
  salt: Buffer;
  capacity: number;
}

export class OathApplet implements Applet {
  readonly aid = OATH_AID;
  readonly sendRemainingIns = INS_SEND_REMAINING;
  /** Outstanding card challenge while a password is set and VALIDATE has not succeeded. */
  private challenge: Buffer | undefined;
  private authenticated = false;

  constructor(
    private readonly store: OathStore,
    private readonly touch: TouchSensor,
    private readonly version: readonly [number, number, number],
  ) {}

  select(): CardResponse {
    this.authenticated = false;
    const parts = [encodeTlv(TAG_VERSION, Buffer.from(this.version)), encodeTlv(TAG_NAME, this.store.salt)];
    if (this.store.accessKey === undefined) {
      this.challenge = undefined;
    } else {
      this.challenge = randomBytes(8);
      parts.push(encodeTlv(TAG_CHALLENGE, this.challenge), encodeTlv(TAG_ALGORITHM, Buffer.from([ALGORITHM_CODES.SHA1])));
    }
    return ok(Buffer.concat(parts));
  }

  deselect(): void {
    this.authenticated = false;
    this.challenge = undefined;
  }

  /** Undefined means "never answered": the key was pulled while waiting for a touch. */
  async process(apdu: CommandApdu): Promise<CardResponse | undefined> {
    if (apdu.cla !== 0) return status(SW.CLA_NOT_SUPPORTED);
    const locked = this.store.accessKey !== undefined && !this.authenticated;
    switch (apdu.ins) {
      case INS_VALIDATE:
        return this.validate(apdu.data);
      case INS_RESET:
        return this.reset(apdu);
      case INS_PUT:
      case INS_DELETE:
      case INS_SET_CODE:
      case INS_RENAME:
      case INS_LIST:
      case INS_CALCULATE:
      case INS_CALCULATE_ALL:
        if (locked) return status(SW.SECURITY_CONDITION_NOT_SATISFIED);
        return this.unlocked(apdu);
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  }

  private async unlocked(apdu: CommandApdu): Promise<CardResponse | undefined> {
    switch (apdu.ins) {
      case INS_PUT:
        return putCredential(this.store, apdu.data);
      case INS_DELETE:
        return deleteCredential(this.store, apdu.data);
      case INS_SET_CODE:
        return this.setCode(apdu.data);
      case INS_RENAME:
        return renameCredential(this.store, apdu.data);
      case INS_LIST:
        return listCredentials(this.store);
      case INS_CALCULATE:
        return this.calculate(apdu.data, (apdu.p2 & 1) === 1);
      default:
        return this.calculateAll(apdu.data, (apdu.p2 & 1) === 1);
    }
  }

  private validate(data: Buffer): CardResponse {
    const tlvs = parseTlvs(data);
    const response = tlvs && find(tlvs, TAG_RESPONSE);
    const hostChallenge = tlvs && find(tlvs, TAG_CHALLENGE);
    if (response === undefined || hostChallenge === undefined) return status(SW.WRONG_DATA);
    const key = this.store.accessKey;
    if (key === undefined || this.challenge === undefined) return status(SW.DATA_INVALID);
    const expected = hmac('SHA1', key, this.challenge);
    if (response.length !== expected.length || !timingSafeEqual(response, expected)) {
      return status(SW.DATA_INVALID);
    }
    this.authenticated = true;
    this.challenge = undefined;
    return ok(encodeTlv(TAG_RESPONSE, hmac('SHA1', key, hostChallenge)));
  }

  private reset(apdu: CommandApdu): CardResponse {
    if (apdu.p1 !== 0xde || apdu.p2 !== 0xad) return status(SW.WRONG_P1P2);
    this.store.credentials.length = 0;
    this.store.accessKey = undefined;
    this.store.salt = randomBytes(8);
    this.deselect();
    return ok();
  }

  private setCode(data: Buffer): CardResponse {
    const tlvs = parseTlvs(data);
    const key = tlvs && find(tlvs, TAG_KEY);
    if (key === undefined) return status(SW.WRONG_DATA);
    if (key.length === 0) {
      this.store.accessKey = undefined;
      return ok();
    }
    const algorithm = algorithmFromCode(key[0] ?? 0);
    const challenge = find(tlvs ?? [], TAG_CHALLENGE);
    const response = find(tlvs ?? [], TAG_RESPONSE);
    if (algorithm === undefined || challenge === undefined || response === undefined) return status(SW.WRONG_DATA);
    const newKey = key.subarray(1);
    const expected = hmac(algorithm, newKey, challenge);
    if (response.length !== expected.length || !timingSafeEqual(response, expected)) {
      return status(SW.DATA_INVALID);
    }
    this.store.accessKey = Buffer.from(newKey);
    this.authenticated = true;
    return ok();
  }

  private async calculate(data: Buffer, truncate: boolean): Promise<CardResponse | undefined> {
    const tlvs = parseTlvs(data);
    const name = tlvs && find(tlvs, TAG_NAME);
    const challenge = tlvs && find(tlvs, TAG_CHALLENGE);
    if (name === undefined || challenge === undefined) return status(SW.WRONG_DATA);
    const credential = byId(this.store, name.toString('utf8'));
    if (credential === undefined) return status(SW.DATA_INVALID);
    if (credential.touch) {
      const outcome = await this.touch.waitForTouch();
      if (outcome === 'removed') return undefined;
      if (outcome === 'timeout') return status(SW.SECURITY_CONDITION_NOT_SATISFIED);
    }
    return ok(this.respond(credential, challenge, truncate));
  }

  private calculateAll(data: Buffer, truncate: boolean): CardResponse {
    const tlvs = parseTlvs(data);
    const challenge = tlvs && find(tlvs, TAG_CHALLENGE);
    if (challenge === undefined) return status(SW.WRONG_DATA);
    // HOTP and touch entries carry only the digit count: computing them needs CALCULATE.
    const parts = this.store.credentials.flatMap((c) => [
      encodeTlv(TAG_NAME, Buffer.from(c.id, 'utf8')),
      c.type === 'HOTP'
        ? encodeTlv(TAG_HOTP, Buffer.from([c.digits]))
        : c.touch
          ? encodeTlv(TAG_TOUCH, Buffer.from([c.digits]))
          : this.respond(c, challenge, truncate),
    ]);
    return ok(Buffer.concat(parts));
  }

  /** TOTP uses the host's challenge (the key has no clock); HOTP its own counter. */
  private respond(credential: StoredCredential, challenge: Buffer, truncate: boolean): Buffer {
    let message = challenge;
    if (credential.type === 'HOTP') {
      message = movingFactor(credential.counter);
      credential.counter++;
    }
    const digest = hmac(credential.algorithm, credential.secret, message);
    const digits = Buffer.from([credential.digits]);
    if (!truncate) return encodeTlv(TAG_RESPONSE, Buffer.concat([digits, digest]));
    const value = Buffer.alloc(4);
    value.writeUInt32BE(dynamicTruncate(digest));
    return encodeTlv(TAG_TRUNCATED, Buffer.concat([digits, value]));
  }
}
