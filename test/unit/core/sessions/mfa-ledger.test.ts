// SPDX-License-Identifier: MIT
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import { ManualClock } from '../../../../src-shared/time/clock';
import { MfaStepLedger, type MfaWait } from '../../../../src-main/core/sessions';

const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';
const T0 = 30_000 * 56_666_667 + 10_000; // 10 s into a 30-second step
let dir: string;
let clock: ManualClock;
let slept: number[];
let waits: MfaWait[];
let codesRead: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'touchrole-ledger-'));
  clock = new ManualClock(T0);
  slept = [];
  waits = [];
  codesRead = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ledger(maxWaitMs?: number): MfaStepLedger {
  return new MfaStepLedger({
    stateDir: dir,
    clock,
    ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
    // Time passes only in sleeps: the clock moves exactly as long as the ledger waits.
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
  });
}
/** The code for the current step, as a YubiKey would compute it (a function of the step). */
const codes = async (): Promise<string> => {
  codesRead += 1;
  return String(Math.floor(clock.now() / 30_000) % 1_000_000).padStart(6, '0');
};
const onWait = (w: MfaWait): void => {
  waits.push(w);
};

describe('MfaStepLedger', () => {
  it('records the step used, in a 0600 file', async () => {
    const l = ledger();
    expect(await l.withMfaCode(SERIAL, codes, async (code) => `used ${code}`)).toBe(`used ${String(Math.floor(T0 / 30_000) % 1_000_000).padStart(6, '0')}`);
    expect(await l.lastStep(SERIAL)).toBe(Math.floor(T0 / 30_000));
    const file = join(dir, 'mfa-steps.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).serials[SERIAL].step).toBe(Math.floor(T0 / 30_000));
  });

  it('a second use in the same step waits for the next step and says why', async () => {
    const l = ledger();
    const first = await l.withMfaCode(SERIAL, codes, async (c) => c);
    clock.advance(5_000);
    const second = await l.withMfaCode(SERIAL, codes, async (c) => c, { onWait });
    expect(second).not.toBe(first);
    expect(slept).toEqual([15_000]); // from 15 s into the step to the next one
    expect(waits).toEqual([{ serial: SERIAL, waitMs: 15_000, reason: 'code-used' }]);
  });

  it('does not wait when the next step has already begun, nor for another serial', async () => {
    const l = ledger();
    await l.withMfaCode(SERIAL, codes, async (c) => c);
    await l.withMfaCode('arn:aws:iam::111111111111:mfa/bob', codes, async (c) => c);
    clock.advance(30_000);
    await l.withMfaCode(SERIAL, codes, async (c) => c);
    expect(slept).toEqual([]);
  });

  it('reuses a session instead of spending a code when reuse finds one', async () => {
    const l = ledger();
    await l.withMfaCode(SERIAL, codes, async (c) => c);
    const out = await l.withMfaCode(SERIAL, codes, async () => 'new session', { reuse: async () => 'cached session' });
    expect(out).toBe('cached session');
    expect(codesRead).toBe(1);
    expect(slept).toEqual([]);
  });

  it('refuses with sts-mfa-reused when the wait would be longer than allowed', async () => {
    const l = ledger(0);
    await l.withMfaCode(SERIAL, codes, async (c) => c);
    const error = await l.withMfaCode(SERIAL, codes, async (c) => c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TouchroleError);
    expect((error as TouchroleError).code).toBe('sts-mfa-reused');
    expect((error as TouchroleError).message).toBe(`The MFA code for ${SERIAL} was already used; the next one comes in 20 s`);
  });

  it('retries once with the next step when AWS rejects a code (spent by another tool)', async () => {
    const l = ledger();
    const seen: string[] = [];
    const out = await l.withMfaCode(
      SERIAL,
      codes,
      async (code) => {
        seen.push(code);
        if (seen.length === 1) throw new TouchroleError('sts-invalid-mfa', 'rejected');
        return 'ok';
      },
      { onWait },
    );
    expect(out).toBe('ok');
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    expect(waits.map((w) => w.reason)).toEqual(['code-rejected']);
  });

  it('a second rejection means the wrong device, and is reported so', async () => {
    const l = ledger();
    const error = await l
      .withMfaCode(SERIAL, codes, async () => {
        throw new TouchroleError('sts-invalid-mfa', 'rejected');
      })
      .catch((e: unknown) => e);
    expect((error as TouchroleError).code).toBe('sts-invalid-mfa');
    expect((error as TouchroleError).message).toBe(`AWS rejected two MFA codes in a row for ${SERIAL}`);
    expect(codesRead).toBe(2);
  });

  it('other errors pass through without a retry, and the code stays spent', async () => {
    const l = ledger();
    const error = await l
      .withMfaCode(SERIAL, codes, async () => {
        throw new TouchroleError('sts-access-denied', 'denied');
      })
      .catch((e: unknown) => e);
    expect((error as TouchroleError).code).toBe('sts-access-denied');
    expect(codesRead).toBe(1);
    expect(await l.lastStep(SERIAL)).toBe(Math.floor(T0 / 30_000));
  });

  it('a missing ledger file is an empty ledger: no wait', async () => {
    const l = ledger();
    expect(await l.lastStep(SERIAL)).toBeUndefined();
    await l.withMfaCode(SERIAL, codes, async (c) => c, { onWait });
    expect(slept).toEqual([]);
  });

  // Treating a damaged ledger as empty could hand out a code already spent: the current step counts as spent.
  it.each([
    ['not JSON', '{not json'],
    ['no serials object', '{"version":1,"serials":"x"}'],
    ['a damaged entry for this serial', `{"version":1,"serials":{"${SERIAL}":{"step":"12","usedAt":"x"}}}`],
  ])('a damaged ledger (%s) waits for the next step, says why, then repairs the file', async (_what, content) => {
    const l = ledger();
    await l.withMfaCode(SERIAL, codes, async (c) => c);
    writeFileSync(join(dir, 'mfa-steps.json'), content);
    expect(await l.lastStep(SERIAL)).toBe(Math.floor(T0 / 30_000));
    await l.withMfaCode(SERIAL, codes, async (c) => c, { onWait });
    expect(slept).toEqual([20_000]); // 10 s into the step: the next one starts in 20 s
    expect(waits).toEqual([{ serial: SERIAL, waitMs: 20_000, reason: 'ledger-damaged' }]);
    expect(JSON.parse(readFileSync(join(dir, 'mfa-steps.json'), 'utf8')).serials[SERIAL].step).toBe(Math.floor(T0 / 30_000) + 1);
  });

  it("another serial's damaged entry does not delay this one", async () => {
    writeFileSync(join(dir, 'mfa-steps.json'), '{"version":1,"serials":{"other":{"step":null}}}');
    await ledger().withMfaCode(SERIAL, codes, async (c) => c, { onWait });
    expect(slept).toEqual([]);
  });

  it('a ledger that cannot be read is file-read-failed naming the file, and no code is read', async () => {
    mkdirSync(join(dir, 'mfa-steps.json'));
    const e = await ledger()
      .withMfaCode(SERIAL, codes, async (c) => c)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TouchroleError);
    expect(e).toMatchObject({ code: 'file-read-failed', message: expect.stringContaining('mfa-steps.json') });
    expect(codesRead).toBe(0);
  });
});

describe('MfaStepLedger with serials named like Object.prototype keys', () => {
  it('records "__proto__" and "constructor" as serials of their own', async () => {
    const l = ledger();
    expect(await l.lastStep('constructor')).toBeUndefined();
    await l.markUsed('__proto__', 7);
    await l.markUsed('constructor', 9);
    expect(await l.lastStep('__proto__')).toBe(7);
    expect(await l.lastStep('constructor')).toBe(9);
    expect(Object.keys((JSON.parse(readFileSync(join(dir, 'mfa-steps.json'), 'utf8')) as { serials: object }).serials)).toEqual(['__proto__', 'constructor']);
  });
});
