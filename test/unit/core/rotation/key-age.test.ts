// SPDX-License-Identifier: MIT
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import { ManualClock } from '../../../../src-shared/time/clock';
import { keysAgeReport, rotationReminders, RotationStateFile, type KeyAgeDeps } from '../../../../src-main/core/rotation';
import { FakeIam } from '../../../support/fake-sts';

const DAY = 86_400_000;
let clock: ManualClock;
let iam: FakeIam;
let deps: KeyAgeDeps;
let listCalls: number;

beforeEach(async () => {
  clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
  iam = new FakeIam(clock);
  const key = await iam.createAccessKey({ credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  listCalls = 0;
  const counting = Object.assign(Object.create(iam) as FakeIam, {
    listAccessKeys: (...a: Parameters<FakeIam['listAccessKeys']>) => (listCalls++, iam.listAccessKeys(...a)),
  });
  deps = {
    iam: counting,
    clock,
    state: new RotationStateFile(mkdtempSync(join(tmpdir(), 'age-'))),
    sources: [
      {
        profile: 'work',
        maxAgeDays: 90,
        read: async () => ({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, importedAt: '2024-06-01T00:00:00.000Z' }),
      },
      { profile: 'none', maxAgeDays: 90, read: async () => undefined },
    ],
  };
});

describe('keysAgeReport', () => {
  it('takes CreateDate from IAM, caches it for a day, then asks again', async () => {
    clock.advance(91 * DAY);
    const [work, none] = await keysAgeReport(deps);
    expect(work).toMatchObject({ profile: 'work', created: '2025-01-01T00:00:00.000Z', ageDays: 91, due: true, source: 'iam' });
    expect(none).toMatchObject({ profile: 'none', accessKeyId: null, due: false, note: 'no access key stored' });
    clock.advance(DAY - 1);
    expect((await keysAgeReport(deps))[0]).toMatchObject({ source: 'iam-cached', ageDays: 91 });
    expect(listCalls).toBe(1);
    clock.advance(1);
    expect((await keysAgeReport(deps))[0]).toMatchObject({ source: 'iam', ageDays: 92 });
    expect(listCalls).toBe(2);
  });

  it('falls back to the import date when IAM cannot be asked, and does not ask again that day', async () => {
    iam.failNext('listAccessKeys', new TouchroleError('sts-access-denied', 'AccessDenied: MFA required'));
    const [work] = await keysAgeReport(deps);
    expect(work).toMatchObject({ source: 'imported', created: '2024-06-01T00:00:00.000Z', ageDays: 214, due: true });
    expect(work?.note).toContain('MFA required');
    await keysAgeReport(deps);
    expect(listCalls).toBe(1);
  });

  it('is not due at exactly the threshold', async () => {
    clock.advance(90 * DAY);
    expect((await keysAgeReport(deps))[0]).toMatchObject({ ageDays: 90, due: false });
  });
});

describe('rotationReminders', () => {
  it('reminds about old keys and lets the tray notify at most once a day', async () => {
    clock.advance(100 * DAY);
    const first = await rotationReminders(deps, { markNotified: true });
    expect(first).toEqual([
      { profile: 'work', kind: 'rotate', ageDays: 100, maxAgeDays: 90, notify: true, message: 'work: access key is 100 days old (touchrole keys rotate work)' },
    ]);
    clock.advance(DAY / 2);
    expect((await rotationReminders(deps, { markNotified: true }))[0]?.notify).toBe(false);
    clock.advance(DAY / 2);
    expect((await rotationReminders(deps, { markNotified: false }))[0]?.notify).toBe(true);
    // markNotified false (status) leaves the record alone.
    expect((await rotationReminders(deps, { markNotified: true }))[0]?.notify).toBe(true);
  });

  it('reminds to finish a rotation once its grace period is over', async () => {
    await deps.state.update((s) => {
      s.pending.set('work', { userName: 'alice', oldAccessKeyId: 'AKIAOLD', newAccessKeyId: 'AKIANEW', oldDeactivated: true, deleteAfter: clock.now() + DAY });
    });
    expect(await rotationReminders(deps, { markNotified: false })).toEqual([]);
    clock.advance(DAY);
    expect(await rotationReminders(deps, { markNotified: false })).toEqual([
      {
        profile: 'work',
        kind: 'finish',
        ageDays: 1,
        maxAgeDays: 90,
        notify: true,
        message: 'work: delete the old key AKIAOLD (touchrole keys rotate work --finish)',
      },
    ]);
  });
});

describe('profiles named like Object.prototype keys', () => {
  it('keeps dates, reminders and pending rotations of "__proto__", "constructor" and "toString" as data, across a write and a read', async () => {
    const key = await iam.createAccessKey({ credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const read = async (): Promise<{ accessKeyId: string; secretAccessKey: string }> => ({
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
    });
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    deps = { ...deps, sources: names.map((profile) => ({ profile, maxAgeDays: 90, read })) };
    clock.advance(100 * DAY);
    const report = await keysAgeReport(deps);
    expect(report.map((e) => [e.profile, e.source, e.pendingDeletion])).toEqual(names.map((n) => [n, 'iam', null]));
    // The second report is served from the state file: each name found its own record.
    expect((await keysAgeReport(deps)).map((e) => e.source)).toEqual(names.map(() => 'iam-cached'));
    expect((await rotationReminders(deps, { markNotified: true })).map((r) => [r.profile, r.notify])).toEqual(names.map((n) => [n, true]));
    expect((await rotationReminders(deps, { markNotified: true })).map((r) => r.notify)).toEqual(names.map(() => false));
    await deps.state.update((s) => {
      s.pending.set('__proto__', {
        userName: 'alice',
        oldAccessKeyId: 'AKIAOLD',
        newAccessKeyId: key.accessKeyId,
        oldDeactivated: true,
        deleteAfter: clock.now(),
      });
    });
    const state = await deps.state.read();
    expect([...state.pending.keys()]).toEqual(['__proto__']);
    expect([...state.keyDates.keys()].sort()).toEqual([...names].sort());
    expect(Object.getPrototypeOf(JSON.parse(readFileSync(deps.state.path, 'utf8')) as object)).toBe(Object.prototype);
    expect(Object.keys((JSON.parse(readFileSync(deps.state.path, 'utf8')) as { pending: object }).pending)).toEqual(['__proto__']);
  });
});
