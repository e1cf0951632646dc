// SPDX-License-Identifier: MIT
/**
 * The reference helpers themselves: oathtool and the virtual key's own arithmetic give the
 * RFC 6238 Appendix B vectors, and the pcscd helpers fail with a clear message when the
 * services are missing (a test whose service is missing must fail, not skip).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { oathtoolHotp, oathtoolTotp, randomSeedBase32, utcForOathtool } from '../../support/oathtool';
import { listReaders, requireReader } from '../../support/pcscd';
import { type OathAlgorithm, VirtualYubiKey } from '../../support/virtual-yubikey';

const SEEDS: Record<OathAlgorithm, Buffer> = {
  SHA1: Buffer.from('12345678901234567890'),
  SHA256: Buffer.from('12345678901234567890123456789012'),
  SHA512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};

// RFC 6238 Appendix B: time (s), algorithm, 8-digit TOTP.
const RFC6238: Array<[number, OathAlgorithm, string]> = [
  [59, 'SHA1', '94287082'],
  [59, 'SHA256', '46119246'],
  [59, 'SHA512', '90693936'],
  [1111111109, 'SHA1', '07081804'],
  [1111111109, 'SHA256', '68084774'],
  [1111111109, 'SHA512', '25091201'],
  [2000000000, 'SHA512', '38618901'],
];

describe('reference helpers', () => {
  it.each(RFC6238)('oathtool and the virtual key give RFC 6238 at t=%i with %s', async (t, algorithm, code) => {
    expect(await oathtoolTotp({ secret: SEEDS[algorithm], atMs: t * 1000, algorithm, digits: 8 })).toBe(code);
    const key = VirtualYubiKey.create({
      credentials: [{ name: 'rfc', secret: SEEDS[algorithm], algorithm, digits: 8 }],
    });
    expect(key.expectedCode('rfc', t * 1000)).toBe(code);
  });

  it('oathtool reads a base32 secret as a user types it (the demo tests pass seeds that way)', async () => {
    // base32 of the RFC 6238 SHA1 seed '12345678901234567890'
    expect(await oathtoolTotp({ secret: { base32: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }, atMs: 59_000, digits: 8 })).toBe('94287082');
    expect(randomSeedBase32()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('oathtool gives the RFC 4226 HOTP vectors', async () => {
    expect(await oathtoolHotp({ secret: SEEDS.SHA1, counter: 0 })).toBe('755224');
    expect(await oathtoolHotp({ secret: SEEDS.SHA1, counter: 9 })).toBe('520489');
  });

  it('formats the time for oathtool --now in UTC, whole seconds', () => {
    expect(utcForOathtool(1111111109_999)).toBe('2005-03-18 01:58:29 UTC');
  });

  describe('when pcscd cannot be reached', () => {
    const saved = process.env['PCSCLITE_CSOCK_NAME'];
    afterEach(() => {
      if (saved === undefined) delete process.env['PCSCLITE_CSOCK_NAME'];
      else process.env['PCSCLITE_CSOCK_NAME'] = saved;
    });

    it('fails with a message that says pcscd is not running', async () => {
      // libpcsclite finds pcscd through this socket path; pointing it nowhere is "not running".
      process.env['PCSCLITE_CSOCK_NAME'] = '/nonexistent/pcscd.comm';
      await expect(listReaders()).rejects.toThrow(/pcscd is not running/);
    });
  });

  it('names the readers it knows when a reader is missing', async () => {
    await expect(requireReader('No Such Reader 99')).rejects.toThrow(/not found \(readers: .*Virtual PCD 00 00/);
  });

  it('fails clearly when nothing listens on the vpcd port', async () => {
    await expect(VirtualYubiKey.start({ port: 35999, connectTimeoutMs: 1000 })).rejects.toThrow(/cannot connect to vpcd at 127\.0\.0\.1:35999/);
  });
});
