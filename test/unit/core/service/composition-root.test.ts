// SPDX-License-Identifier: MIT
/** composeCore: the services share the ports it builds once; the CLI composes once per run. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src-shared/time/clock';
import { serviceFor } from '../../../../src-main/cli/service-for';
import type { CliContext } from '../../../../src-main/cli/command';
import { composeCore } from '../../../../src-main/core/service';
import { makeTempUser } from '../../../support/cli-harness';
import { FakeKeychain } from '../../../support/fake-keychain';
import { FakeSts } from '../../../support/fake-sts';

const silent = { waiting: async () => undefined, done: async () => undefined, timedOut: async () => undefined };
const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

function core(keychain: FakeKeychain) {
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  const user = makeTempUser({
    config: '[profile work]\nregion = us-east-1\n\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = work\n',
  });
  return composeCore({ env: user.env, clock, prompter: silent, keychain, sts: new FakeSts(clock) });
}

describe('composeCore', () => {
  it('a key the keys service stores is the one the profiles service sees (one keychain for all)', async () => {
    const keychain = new FakeKeychain();
    const c = core(keychain);
    expect((await c.profiles.all()).profiles.get('work')?.keys).toBeUndefined();
    await c.keys.add('work', KEYS, { replace: false });
    expect((await c.profiles.all()).profiles.get('work')?.keys).toBe('keychain');
    expect((await c.profiles.plan('admin')).steps.length).toBeGreaterThan(0);
  });

  it('a locked keychain: profiles still list, the report says the keychain was not read', async () => {
    const keychain = new FakeKeychain();
    keychain.locked = true;
    const c = core(keychain);
    expect([...(await c.profiles.all()).profiles.keys()]).toEqual(['work', 'admin']);
    const r = await c.profiles.report();
    expect(r.warning).toMatch(/^keychain not read: /);
    expect(Object.keys((JSON.parse(r.jsonText) as { profiles: object }).profiles)).toEqual(['work', 'admin']);
  });
});

describe('serviceFor (the CLI)', () => {
  it('composes the core once per run (one context), anew for another run', () => {
    const ctx = (): CliContext => ({
      env: { HOME: '/nonexistent' },
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      clock: new ManualClock(0),
    });
    const run = ctx();
    expect(serviceFor(run)).toBe(serviceFor(run));
    expect(serviceFor(ctx())).not.toBe(serviceFor(run));
  });
});
