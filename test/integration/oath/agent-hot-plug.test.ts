// SPDX-License-Identifier: MIT
/**
 * Hot plug end to end: the agent (createServiceAgent + runAgent, its real socket, the real PC/SC
 * binding) sees the virtual YubiKey pulled out of and put back into pcscd + vpcd, and pushes the
 * new state to a subscriber within 2 s each way, with no request in between; `status` agrees.
 * Run under `flock /tmp/touchrole-pcscd.lock` (pcscd and vpcd are shared).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src-shared/agent-protocol';
import type { YubikeyState } from '../../../src-shared/models';
import { systemClock } from '../../../src-shared/time/clock';
import { AgentConnection, runAgent, type RunningAgent } from '../../../src-main/core/agent';
import { FakeKeychain } from '../../support/fake-keychain';
import { createServiceAgent } from '../../../src-main/core/service';
import { FakeSts } from '../../support/fake-sts';
import { requireReader, waitForCard } from '../../support/pcscd';
import { readerNameForPort, testVpcdPort } from '../../support/virtual-yubikey';
import { OutOfProcessYubiKey } from '../../support/virtual-yubikey/virtual-key-process';

const port = testVpcdPort();
const reader = readerNameForPort(port);
const LIMIT_MS = 2000;
let home: string;
let key: OutOfProcessYubiKey | undefined;
let agent: RunningAgent | undefined;
let client: AgentConnection | undefined;
const events: Array<{ state: YubikeyState; at: number }> = [];

beforeAll(async () => {
  const state = await requireReader(reader);
  if (state.cardPresent) throw new Error(`"${reader}" already holds a card: another test run is using port ${port}`);
  home = mkdtempSync(join(tmpdir(), 'touchrole-hotplug-'));
  const credential = { issuer: 'AWS', name: 'arn:aws:iam::123456789012:mfa/alice', secret: Buffer.from('12345678901234567890') };
  key = await OutOfProcessYubiKey.start({ port, credentials: [credential] });
  await waitForCard(reader, true);
  const env = { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
  const { backend } = createServiceAgent({ env, clock: systemClock, keychain: new FakeKeychain(), sts: new FakeSts(systemClock) });
  agent = await runAgent({ backend, clock: systemClock, env, socketPath: join(home, 'agent.sock') });
  client = await AgentConnection.open({ socketPath: agent.socketPath });
  if (client === undefined) throw new Error('the agent did not answer on its socket');
  client.onEvent((e: AgentEvent) => {
    if (e.event === 'yubikey') events.push({ state: e.data.state, at: Date.now() });
  });
  await client.call('subscribe', {}, 5000);
}, 30_000);

afterAll(async () => {
  client?.close();
  await agent?.close();
  await key?.stop();
  await waitForCard(reader, false).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
});

/** The first pushed state `state` after `since`, or a failure naming what was seen. */
async function pushed(state: YubikeyState, since: number): Promise<number> {
  for (;;) {
    const hit = events.find((e) => e.at >= since && e.state === state);
    if (hit) return hit.at - since;
    if (Date.now() - since > LIMIT_MS + 3000) throw new Error(`no "${state}" event; saw ${JSON.stringify(events)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('agent YubiKey state on pcscd (hot plug)', () => {
  it('pushes none within 2 s of removal and ready within 2 s of re-insertion; status agrees', async () => {
    if (!client || !key) throw new Error('setup failed');
    // The first status request starts the reader watcher (PC/SC is loaded only now).
    expect((await client.call('status', {}, 5000)).yubikey).toBe('ready');

    const removedAt = Date.now();
    await key.remove();
    const removalMs = await pushed('none', removedAt);
    expect(removalMs).toBeLessThan(LIMIT_MS);
    expect((await client.call('status', {}, 5000)).yubikey).toBe('none');

    const insertedAt = Date.now();
    await key.insert();
    const insertMs = await pushed('ready', insertedAt);
    expect(insertMs).toBeLessThan(LIMIT_MS);
    expect((await client.call('status', {}, 5000)).yubikey).toBe('ready');
    process.stdout.write(`hot plug: removal seen after ${removalMs} ms, insertion after ${insertMs} ms\n`);
  }, 30_000);
});
