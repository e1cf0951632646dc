// SPDX-License-Identifier: MIT
/**
 * touchrole's real PC/SC path (pcscd + vpcd + the virtual YubiKey): discovery, listing with
 * AWS ARN marking, and codes that equal oathtool's for every algorithm, digit count and period
 * at the same time step; plus LIST / CALCULATE_ALL chaining with 45 credentials.
 * Port: env TOUCHROLE_TEST_VPCD_PORT (default 35963, reader "Virtual PCD 00 00").
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OutOfProcessYubiKey } from '../../support/virtual-yubikey/virtual-key-process';
import { OathClient } from '../../../src-main/core/oath';
import { PcscReaders } from '../../../src-main/core/transport/pcsc';
import { FakeKeychain } from '../../support/fake-keychain';
import { oathtoolTotp } from '../../support/oathtool';
import { requireReader, waitForCard } from '../../support/pcscd';
import { credentialId, readerNameForPort, testVpcdPort, type VirtualCredentialOptions, type VirtualYubiKeyOptions } from '../../support/virtual-yubikey';

const port = testVpcdPort();
const reader = readerNameForPort(port);
const device = { reader };
let key: OutOfProcessYubiKey | undefined;

const SECRETS = {
  SHA1: Buffer.from('12345678901234567890'),
  SHA256: Buffer.from('12345678901234567890123456789012'),
  SHA512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;

const MATRIX: VirtualCredentialOptions[] = (['SHA1', 'SHA256', 'SHA512'] as const).flatMap((algorithm) =>
  ([6, 8] as const).flatMap((digits) =>
    [30, 60].map((period) => ({ issuer: 'Matrix', name: `${algorithm}-${digits}-${period}`, secret: SECRETS[algorithm], algorithm, digits, period })),
  ),
);

async function startKey(options: VirtualYubiKeyOptions): Promise<OutOfProcessYubiKey> {
  key = await OutOfProcessYubiKey.start({ port, ...options });
  await waitForCard(reader, true);
  return key;
}

const client = (): OathClient => new OathClient({ readers: new PcscReaders(), keychain: new FakeKeychain() });

beforeAll(async () => {
  // Fails (not skips) with a clear message when pcscd or the vpcd reader is missing.
  const state = await requireReader(reader);
  if (state.cardPresent) throw new Error(`"${reader}" already holds a card: another test run is using port ${port}`);
});

afterEach(async () => {
  await key?.stop();
  key = undefined;
  await waitForCard(reader, false);
});

describe('OATH over real PC/SC', () => {
  it('discovers the key by its OATH applet, with serial, device id and version', async () => {
    const k = await startKey({ serial: 7654321, version: [5, 7, 1], credentials: [] });
    const listed = (await client().listKeys({ nowMs: Date.now() })).filter((l) => l.reader === reader);
    expect(listed).toEqual([{ reader, deviceId: k.deviceId, version: '5.7.1', locked: false, serial: 7654321, credentials: [] }]);
  });

  it('lists credentials with type, algorithm, period, touch and AWS MFA ARN', async () => {
    await startKey({
      credentials: [
        { issuer: 'AWS', name: 'arn:aws:iam::123456789012:mfa/alice', secret: SECRETS.SHA1 },
        { issuer: 'GitHub', name: 'carol', secret: SECRETS.SHA256, algorithm: 'SHA256', digits: 8, period: 60, touch: true },
        { name: 'counter', secret: SECRETS.SHA1, type: 'HOTP' },
      ],
    });
    const [listing] = (await client().listKeys({ nowMs: Date.now() })).filter((l) => l.reader === reader);
    expect(listing?.credentials?.map((c) => [c.id, c.type, c.algorithm, c.period, c.touch, c.awsMfaArn])).toEqual([
      ['AWS:arn:aws:iam::123456789012:mfa/alice', 'totp', 'SHA1', 30, false, 'arn:aws:iam::123456789012:mfa/alice'],
      ['60/GitHub:carol', 'totp', 'SHA256', 60, true, undefined],
      ['counter', 'hotp', 'SHA1', 0, false, undefined],
    ]);
  });

  it.each([
    ['T=59 s', 59_000],
    ['T=1111111109 s', 1111111109_000],
    ['T=2000000000 s', 2000000000_000],
    ['now', Date.now()],
  ])('CALCULATE_ALL codes equal oathtool --totp at %s (SHA1/256/512, 6/8 digits, 30/60 s)', async (_label, atMs) => {
    await startKey({ credentials: MATRIX });
    const all = await client().withOathSession(device, (session) => session.calculateAll(atMs));
    expect(all).toHaveLength(MATRIX.length);
    for (const cred of MATRIX) {
      const entry = all.find((e) => e.credential.id === credentialId(cred));
      const expected = await oathtoolTotp({ ...cred, atMs });
      expect(`${credentialId(cred)}=${entry?.code?.value}`).toBe(`${credentialId(cred)}=${expected}`);
      const period = (cred.period ?? 30) * 1000;
      expect(entry?.code?.validFromMs).toBe(Math.floor(atMs / period) * period);
      expect(entry?.code?.validToMs).toBe(Math.floor(atMs / period) * period + period);
    }
  });

  it('readCode equals oathtool for each algorithm/digits/period credential', async () => {
    await startKey({ credentials: MATRIX });
    const c = client();
    const atMs = 1234567890_000;
    for (const cred of MATRIX.filter((_, i) => i % 3 === 0 || i === MATRIX.length - 1)) {
      const result = await c.readCode(credentialId(cred), { nowMs: atMs, device });
      const expected = await oathtoolTotp({ ...cred, atMs });
      expect(`${credentialId(cred)}=${result.code.value}`).toBe(`${credentialId(cred)}=${expected}`);
    }
  });

  it('reads a code by the mfa_serial ARN alone', async () => {
    await startKey({ credentials: [{ issuer: 'AWS', name: 'arn:aws:iam::123456789012:mfa/alice', secret: SECRETS.SHA1 }, ...MATRIX.slice(0, 2)] });
    const atMs = 1234567890_000;
    const r = await client().readCode('arn:aws:iam::123456789012:mfa/alice', { nowMs: atMs, device });
    expect(r.code.value).toBe(await oathtoolTotp({ secret: SECRETS.SHA1, atMs }));
  });

  it('lists and calculates 45 credentials (responses chained with 61xx / SEND_REMAINING)', async () => {
    const many: VirtualCredentialOptions[] = Array.from({ length: 45 }, (_, i) => ({
      issuer: 'Amazon Web Services',
      name: `arn:aws:iam::${String(100000000000 + i)}:mfa/user-${i}`,
      secret: SECRETS.SHA1,
      digits: 8,
    }));
    await startKey({ credentials: many, capacity: 64 });
    const atMs = 1111111111_000;
    const c = client();
    const [listing] = (await c.listKeys({ nowMs: atMs })).filter((l) => l.reader === reader);
    expect(listing?.credentials?.map((x) => x.id)).toEqual(many.map(credentialId));
    expect(listing?.credentials?.every((x) => x.awsMfaArn !== undefined)).toBe(true);
    const last = many[44];
    if (!last) throw new Error('unreachable');
    const r = await c.readCode(`arn:aws:iam::100000000044:mfa/user-44`, { nowMs: atMs, device });
    expect(r.code.value).toBe(await oathtoolTotp({ secret: last.secret, atMs, digits: 8 }));
  });
});
