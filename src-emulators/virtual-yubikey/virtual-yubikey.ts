// SPDX-License-Identifier: MIT
/**
 * A virtual YubiKey 5 NFC behind the real pcscd: the YKOATH and management applets on a
 * vpcd socket. Tests start it, drive it with touchrole or Yubico's ykman, pull it out and
 * put it back, and inspect what it stores.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../../src-shared/time/clock';
import { VirtualCard } from './card';
import { periodOfId, type StoredCredential, toStoredCredential, type VirtualCredentialOptions } from './credential';
import { ManagementApplet } from './management-applet';
import { OathApplet, type OathStore } from './oath-applet';
import { deriveAccessKey, dynamicTruncate, formatCode, hmac, movingFactor } from './oath-crypto';
import { type TouchBehaviour, TouchSensor } from './touch';
import { VpcdLink } from './vpcd-link';

/** vpcd's first reader; the second ("Virtual PCD 00 01") listens on 35964. */
export const DEFAULT_VPCD_PORT = 35963;

/** The ATR of a YubiKey 5 NFC over USB ("...YubiKey@"); TA1=0xfd reads as USB to ykman. */
export const YUBIKEY_ATR = Buffer.from('3bfd1300008131fe158073c021c057597562694b657940', 'hex');

export interface VirtualYubiKeyOptions {
  /** vpcd port: 35963 is reader "Virtual PCD 00 00", 35964 is "Virtual PCD 00 01". */
  port?: number;
  credentials?: VirtualCredentialOptions[];
  /** Sets an OATH password (stored as its PBKDF2 access key, as the device does). */
  password?: string;
  serial?: number;
  /** The OATH salt (8 bytes), fixing the device ID clients derive; random by default. */
  salt?: Uint8Array;
  /** Credential slots; a YubiKey 5 before firmware 5.7 holds 32. */
  capacity?: number;
  /** Firmware version reported by both applets. */
  version?: readonly [number, number, number];
  /** Default: touched after 300 ms. */
  touch?: TouchBehaviour;
  /** Time for `expectedCode`; the key itself has no clock (the host sends the time step). */
  clock?: Clock;
  /** How long to wait for pcscd to talk to the card on start and insert. */
  connectTimeoutMs?: number;
}

export class VirtualYubiKey {
  readonly port: number;
  readonly serial: number;
  private readonly store: OathStore;
  private readonly touchSensor: TouchSensor;
  private readonly card: VirtualCard;
  private readonly link: VpcdLink;
  private readonly clock: Clock;
  private readonly connectTimeoutMs: number;

  private constructor(options: VirtualYubiKeyOptions) {
    this.port = options.port ?? DEFAULT_VPCD_PORT;
    this.serial = options.serial ?? 12345678;
    this.clock = options.clock ?? systemClock;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    const version = options.version ?? [5, 4, 3];
    const salt = Buffer.from(options.salt ?? randomBytes(8));
    if (salt.length !== 8) throw new Error('virtual YubiKey: salt must be 8 bytes');
    const credentials = (options.credentials ?? []).map(toStoredCredential);
    const capacity = options.capacity ?? 32;
    if (credentials.length > capacity) {
      throw new Error(`virtual YubiKey: ${credentials.length} credentials exceed capacity ${capacity}; pass capacity`);
    }
    this.store = {
      credentials,
      accessKey: options.password === undefined ? undefined : deriveAccessKey(options.password, salt),
      salt,
      capacity,
    };
    this.touchSensor = new TouchSensor(options.touch ?? { kind: 'auto', delayMs: 300 }, () => {
      this.remove().catch(() => undefined);
    });
    this.card = new VirtualCard([new OathApplet(this.store, this.touchSensor, version), new ManagementApplet(this.serial, version)]);
    const card = this.card;
    this.link = new VpcdLink('127.0.0.1', this.port, {
      atr: YUBIKEY_ATR,
      powerCycle: () => card.reset(),
      transmit: (apdu) => card.transmit(apdu),
    });
  }

  /** Inserts a new virtual key into the vpcd reader; resolves once pcscd has seen it. */
  static async start(options: VirtualYubiKeyOptions = {}): Promise<VirtualYubiKey> {
    const key = new VirtualYubiKey(options);
    await key.insert();
    return key;
  }

  /** A key that is not in any reader: talk to it with `transmit` (no pcscd needed). */
  static create(options: VirtualYubiKeyOptions = {}): VirtualYubiKey {
    return new VirtualYubiKey(options);
  }

  /**
   * Sends one command APDU straight to the card, bypassing PC/SC; resolves with the response
   * including the status word. Rejects if the key is pulled before it answers.
   */
  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const response = await this.card.transmit(apdu);
    if (response === undefined) throw new Error('virtual YubiKey: removed before it answered');
    return response;
  }

  /** The PC/SC reader name pcscd gives this port ("Virtual PCD 00 00" for 35963). */
  get readerName(): string {
    return readerNameForPort(this.port);
  }

  get inserted(): boolean {
    return this.link.connected;
  }

  /** Pulls the key out: any command in flight is never answered, the session is gone. */
  async remove(): Promise<void> {
    this.touchSensor.cancel();
    this.card.reset();
    await this.link.close();
  }

  /** Puts the key back (same credentials and password); resolves once pcscd has seen it. */
  async insert(): Promise<void> {
    await this.link.connect(this.connectTimeoutMs);
  }

  async stop(): Promise<void> {
    await this.remove();
  }

  /** Copies of the stored credentials, in storage (LIST) order. */
  credentials(): StoredCredential[] {
    return this.store.credentials.map((c) => ({ ...c, secret: Uint8Array.from(c.secret) }));
  }

  get hasPassword(): boolean {
    return this.store.accessKey !== undefined;
  }

  /** The OATH device ID as yubikit derives it: base64 of SHA-256(salt)[0..16], unpadded. */
  get deviceId(): string {
    return createHash('sha256').update(this.store.salt).digest().subarray(0, 16).toString('base64').replace(/=+$/, '');
  }

  setTouchBehaviour(behaviour: TouchBehaviour): void {
    this.touchSensor.behaviour = behaviour;
  }

  /** Touches the sensor while the key waits (manual behaviour); false if it was not waiting. */
  touch(): boolean {
    return this.touchSensor.touch();
  }

  /** Resolves when the key starts waiting for a touch (the moment it would blink). */
  waitForTouchRequest(): Promise<void> {
    return this.touchSensor.nextRequest();
  }

  get touchRequests(): number {
    return this.touchSensor.requestCount;
  }

  /**
   * The code a TOTP credential gives at `atMs` (default: the clock's now), computed by the
   * key's own arithmetic. For an independent reference use oathtool (test/support/oathtool).
   */
  expectedCode(id: string, atMs: number = this.clock.now()): string {
    const credential = this.store.credentials.find((c) => c.id === id);
    if (credential === undefined) throw new Error(`virtual YubiKey: no credential "${id}"`);
    if (credential.type !== 'TOTP') throw new Error(`virtual YubiKey: "${id}" is HOTP; its code moves its counter`);
    const step = Math.floor(atMs / 1000 / periodOfId(id));
    const digest = hmac(credential.algorithm, credential.secret, movingFactor(step));
    return formatCode(dynamicTruncate(digest), credential.digits);
  }
}

/** The vpcd port integration tests use: env TOUCHROLE_TEST_VPCD_PORT, else 35963. */
export function testVpcdPort(): number {
  const raw = process.env['TOUCHROLE_TEST_VPCD_PORT'];
  if (raw === undefined || raw === '') return DEFAULT_VPCD_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port)) throw new Error(`TOUCHROLE_TEST_VPCD_PORT="${raw}" is not a port number`);
  return port;
}

export function readerNameForPort(port: number): string {
  const index = port - DEFAULT_VPCD_PORT;
  if (index < 0 || index > 99) throw new Error(`virtual YubiKey: port ${port} is not a vpcd reader port`);
  return `Virtual PCD 00 ${String(index).padStart(2, '0')}`;
}
