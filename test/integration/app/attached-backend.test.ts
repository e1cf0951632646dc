// SPDX-License-Identifier: MIT
// When a `touchrole agent` already runs, the app attaches to it as a client over the real socket:
// sessions, elevation and touch prompts go through that agent; the tray app runs on top of it.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachToAgent } from '../../../src-main/app/attached-backend';
import type { AppBackend } from '../../../src-main/core/agent';
import { runAgent, type RunningAgent } from '../../../src-main/core/agent';
import { ManualClock } from '../../../src-shared/time/clock';
import { makeTempUser, type TempUser } from '../../support/cli-harness';
import { FakeBackend } from '../../support/fake-backend';
import { ManualTimers } from '../../support/manual-timers';
import { privateDir } from '../../support/agent/raw-client';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

let tmp: { dir: string; cleanup: () => Promise<void> };
let clock: ManualClock;
let backend: FakeBackend;
let agent: RunningAgent;
let socketPath: string;
let user: TempUser;
let attached: AppBackend | undefined;

beforeEach(async () => {
  tmp = await privateDir();
  socketPath = join(tmp.dir, 'agent.sock');
  clock = new ManualClock(T0);
  backend = new FakeBackend({ clock: clock });
  agent = await runAgent({ backend, clock, timers: new ManualTimers(clock), socketPath });
  user = makeTempUser({
    config:
      '[profile dev]\nregion = us-east-1\n\n' +
      '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n',
    credentials: '[dev]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = example\n',
  });
});
afterEach(async () => {
  await attached?.close();
  attached = undefined;
  await agent.close();
  await tmp.cleanup();
});

describe('app attached to a running agent', () => {
  it('lists, elevates, renews and ends through the agent, with its touch prompts', async () => {
    attached = await attachToAgent({ clock, env: user.env, socketPath });
    if (attached === undefined) throw new Error('did not attach');
    const app = attached;
    const touches: string[] = [];
    const changes: number[] = [];
    app.on('touchPrompt', (t) => touches.push(`${t.state} ${t.profile ?? ''}`));
    app.on('sessionsChanged', (s) => changes.push(s.length));
    expect(await app.sessions()).toEqual([]);
    const s = await app.elevate({ profile: 'admin', durationSeconds: 3600 });
    expect(s).toMatchObject({ profile: 'admin', writtenProfile: 'admin-touchrole' });
    expect(backend.log).toEqual(['elevate admin']);
    await expect.poll(() => touches).toContain('needed admin');
    expect((await app.sessions()).map((x) => x.profile)).toEqual(['admin']);
    await app.renew('admin');
    await app.end('admin');
    expect(backend.log).toEqual(['elevate admin', 'renew admin', 'elevate admin', 'end admin']);
    expect(await app.sessions()).toEqual([]);
    expect(changes.at(-1)).toBe(0);
    expect(await app.yubikeyStatus()).toEqual({ state: 'ready', keys: [], mfaCredentials: [] });
  });

  it('reads profiles and settings as the CLI does', async () => {
    attached = await attachToAgent({ clock, env: user.env, socketPath });
    expect((await attached?.roleProfiles())?.map((p) => p.name)).toEqual(['admin']);
    expect(await attached?.settings()).toMatchObject({ profileSuffix: '-touchrole' });
  });

  it('resolves undefined when no agent answers', async () => {
    expect(await attachToAgent({ clock, env: user.env, socketPath: join(tmp.dir, 'none.sock') })).toBeUndefined();
  });
});
