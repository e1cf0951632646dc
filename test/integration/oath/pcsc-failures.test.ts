// SPDX-License-Identifier: MIT
/**
 * Failure paths on the real PC/SC stack with the virtual YubiKey (out of process): no key,
 * key pulled mid-call, touch given / not given, wrong password and unlock/forget, a card held
 * exclusively by another client, and pcscd unreachable.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import * as smartcard from 'smartcard';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OathClient, oathKeyAccount, type TouchEvent } from '../../../src-main/core/oath';
import { PcscReaders } from '../../../src-main/core/transport/pcsc';
import { FakeKeychain } from '../../support/fake-keychain';
import { oathtoolTotp } from '../../support/oathtool';
import { requireReader, waitForCard } from '../../support/pcscd';
import { readerNameForPort, testVpcdPort, type VirtualYubiKeyOptions } from '../../support/virtual-yubikey';
import { OutOfProcessYubiKey } from '../../support/virtual-yubikey/virtual-key-process';
import { errorOf } from '../../support/error-of';

const port = testVpcdPort();
const reader = readerNameForPort(port);
const device = { reader };
const SECRET = Buffer.from('12345678901234567890');
const AT = 1111111111_000;
let key: OutOfProcessYubiKey | undefined;

async function startKey(options: VirtualYubiKeyOptions): Promise<OutOfProcessYubiKey> {
  key = await OutOfProcessYubiKey.start({ port, ...options });
  await waitForCard(reader, true);
  return key;
}

const client = (keychain = new FakeKeychain(), readers = new PcscReaders()): OathClient => new OathClient({ readers, keychain });

beforeAll(async () => {
  const state = await requireReader(reader);
  if (state.cardPresent) throw new Error(`"${reader}" already holds a card: another test run is using port ${port}`);
});

afterEach(async () => {
  await key?.stop();
  key = undefined;
  await waitForCard(reader, false);
});

describe('OATH failures over real PC/SC', () => {
  it('no key in the reader: yubikey-not-found with the insert / CCID advice', async () => {
    const e = await errorOf(client().readCode('alice', { nowMs: AT, device }));
    expect(e.code).toBe('yubikey-not-found');
    expect(e.message).toContain('insert it or check that its CCID interface is enabled');
  });

  it('touch given: waiting then done, and the code equals oathtool', async () => {
    await startKey({ credentials: [{ name: 'touchy', secret: SECRET, touch: true }], touch: { kind: 'auto', delayMs: 300 } });
    const events: TouchEvent[] = [];
    const r = await client().readCode('touchy', { nowMs: AT, device, onTouch: (e) => events.push(e) });
    expect(events).toEqual([
      { phase: 'waiting', credential: 'touchy' },
      { phase: 'done', credential: 'touchy' },
    ]);
    expect(r.code.value).toBe(await oathtoolTotp({ secret: SECRET, atMs: AT }));
  });

  it('touch never given: touch-timeout after the wait', async () => {
    await startKey({ credentials: [{ name: 'touchy', secret: SECRET, touch: true }], touch: { kind: 'manual', timeoutMs: 800 } });
    const phases: string[] = [];
    const e = await errorOf(client().readCode('touchy', { nowMs: AT, device, onTouch: (ev) => phases.push(ev.phase) }));
    expect(e.code).toBe('touch-timeout');
    expect(e.message).toContain('not touched in time');
    expect(phases).toEqual(['waiting', 'timeout']);
  });

  it('key pulled out mid-call: yubikey-removed', async () => {
    await startKey({ credentials: [{ name: 'touchy', secret: SECRET, touch: true }], touch: { kind: 'remove', afterMs: 300 } });
    const e = await errorOf(client().readCode('touchy', { nowMs: AT, device }));
    expect(e.code).toBe('yubikey-removed');
  });

  it('wrong password, unlock storing the derived key, auto-validate, forget', async () => {
    const k = await startKey({ password: 'hunter2', credentials: [{ issuer: 'AWS', name: 'arn:aws:iam::123456789012:mfa/alice', secret: SECRET }] });
    const keychain = new FakeKeychain();
    const c = client(keychain);

    expect((await errorOf(c.readCode('alice', { nowMs: AT, device }))).code).toBe('oath-locked');
    expect((await errorOf(c.unlock('wrong', { device }))).code).toBe('oath-wrong-password');
    expect(keychain.entries.size).toBe(0);

    expect((await c.unlock('hunter2', { device })).stored).toBe(true);
    const stored = keychain.entries.get(oathKeyAccount(k.deviceId));
    expect(stored).toMatch(/^[0-9a-f]{32}$/);
    expect(stored).not.toContain(Buffer.from('hunter2').toString('hex'));

    const [listing] = (await c.listKeys({ nowMs: AT })).filter((l) => l.reader === reader);
    expect(listing?.locked).toBe(true);
    expect(listing?.credentials?.map((x) => x.awsMfaArn)).toEqual(['arn:aws:iam::123456789012:mfa/alice']);
    expect((await c.readCode('arn:aws:iam::123456789012:mfa/alice', { nowMs: AT, device })).code.value).toBe(await oathtoolTotp({ secret: SECRET, atMs: AT }));

    expect((await c.forget({ device })).removed).toBe(true);
    expect((await errorOf(c.readCode('alice', { nowMs: AT, device }))).code).toBe('oath-locked');
  });

  it('card held exclusively by another PC/SC client: yubikey-busy naming the usual culprits', async () => {
    await startKey({ credentials: [{ name: 'alice', secret: SECRET }] });
    const ctx = new smartcard.Context();
    const other = ctx.listReaders().find((r) => r.name === reader);
    if (!other) throw new Error(`reader ${reader} vanished`);
    const held = await other.connect(smartcard.SCARD_SHARE_EXCLUSIVE, smartcard.SCARD_PROTOCOL_T0 | smartcard.SCARD_PROTOCOL_T1);
    try {
      const readers = new PcscReaders({ busyRetryMs: 300, busyRetryIntervalMs: 100 });
      const e = await errorOf(client(new FakeKeychain(), readers).readCode('alice', { nowMs: AT, device }));
      expect(e.code).toBe('yubikey-busy');
      expect(e.hint).toContain('gpgconf --kill scdaemon');
      expect(e.hint).toContain('Yubico Authenticator');
    } finally {
      held.disconnect(smartcard.SCARD_LEAVE_CARD);
      ctx.close();
    }
  });

  it('pcscd unreachable: pcsc-unavailable with a hint to start it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'touchrole-pcsc-')), 'child.js');
    buildSync({
      entryPoints: [join(__dirname, 'pcsc-unavailable-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: out,
      external: ['smartcard'],
      logLevel: 'error',
    });
    const stdout = execFileSync(process.execPath, [out], {
      env: { ...process.env, NODE_PATH: join(__dirname, '../../../node_modules'), PCSCLITE_CSOCK_NAME: join(tmpdir(), 'touchrole-no-pcscd.sock') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    const result = JSON.parse(stdout) as { code?: string; message?: string; hint?: string };
    expect(result.code).toBe('pcsc-unavailable');
    // Said as what it is, not "no YubiKey", with the fix.
    expect(result.message).toBe('PC/SC unavailable: the PC/SC service (pcscd) is not running');
    expect(result.hint).toContain('start pcscd: `sudo systemctl start pcscd.socket`');
  });
});
