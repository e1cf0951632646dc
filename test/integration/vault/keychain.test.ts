// SPDX-License-Identifier: MIT
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../../src-main/core/vault/keychain';
import { OathKeyStore } from '../../../src-main/core/vault/oath-key-store';
import { SourceKeyStore } from '../../../src-main/core/vault/source-key-store';
import { ManualClock } from '../../../src-shared/time/clock';
import { requireSecretService } from '../../support/gnome-keyring';
import { REPO_ROOT, bundleChild, childEnv } from './bundle-child';

// Real gnome-keyring in a private D-Bus session: run as
//   bash scripts/with-keyring.sh npx vitest run test/integration/vault
const SERVICE = `touchrole-test-${process.pid}-${Date.now()}`;

interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

type Outcomes = Record<string, { ok?: unknown; code?: string; message?: string; hint?: string }>;

function outcomes(r: ChildResult): Outcomes {
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || line === '') throw new Error(`child exited ${String(r.status)}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as Outcomes;
}

let child = '';
beforeAll(async () => {
  requireSecretService();
  child = await bundleChild(join(__dirname, 'keychain-child.ts'));
});

describe('OS keychain (keytar) against gnome-keyring', () => {
  const keychain = createOsKeychain({ service: SERVICE });

  afterAll(async () => {
    for (const account of await keychain.list('')) await keychain.delete(account);
  });

  it('stores, reads, lists and deletes real secrets', async () => {
    expect(await keychain.get('t:a')).toBeUndefined();
    await keychain.set('t:a', 'secret-a');
    await keychain.set('t:b', 'secret-b');
    await keychain.set('other:c', 'secret-c');
    expect(await keychain.get('t:a')).toBe('secret-a');
    expect(await keychain.list('t:')).toEqual(['t:a', 't:b']);
    await keychain.set('t:a', 'secret-a2');
    expect(await keychain.get('t:a')).toBe('secret-a2');
    expect(await keychain.delete('t:a')).toBe(true);
    expect(await keychain.delete('t:a')).toBe(false);
    expect(await keychain.get('t:a')).toBeUndefined();
    expect(await keychain.list('t:')).toEqual(['t:b']);
  });

  it('keeps entries of different service names apart', async () => {
    const other = createOsKeychain({ service: `${SERVICE}-other` });
    await other.set('t:z', 'zzz');
    try {
      expect(await keychain.get('t:z')).toBeUndefined();
      expect(await keychain.list('t:z')).toEqual([]);
    } finally {
      await other.delete('t:z');
    }
  });

  it('round-trips source keys and OATH keys through the stores', async () => {
    const sources = new SourceKeyStore(keychain, new ManualClock(Date.UTC(2024, 5, 1)));
    const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    await sources.set('dev', keys);
    expect(await sources.get('dev')).toEqual({ ...keys, importedAt: '2024-06-01T00:00:00.000Z' });
    expect(await sources.list()).toEqual([{ profile: 'dev', accessKeyId: keys.accessKeyId, importedAt: '2024-06-01T00:00:00.000Z' }]);
    expect(await sources.remove('dev')).toBe(true);

    const oath = new OathKeyStore(keychain);
    const key = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    await oath.set('a1b2c3', key);
    expect(await oath.get('a1b2c3')).toEqual(key);
    expect(await oath.remove('a1b2c3')).toBe(true);
  });

  it('works in a fresh process (the child helper against this keyring)', async () => {
    const result = outcomes(await run(process.execPath, [child, 'probe', `${SERVICE}-child`], childEnv(process.env)));
    expect(result).toMatchObject({ set: { ok: null }, get: { ok: 'value' }, list: { ok: ['source-keys:probe'] } });
    const cleanup = createOsKeychain({ service: `${SERVICE}-child` });
    await cleanup.delete('source-keys:probe');
  });
});

describe('keychain failures map to the right error codes', () => {
  const withoutBus = (): NodeJS.ProcessEnv => {
    const env = { ...process.env };
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    delete env['DISPLAY'];
    return env;
  };

  it('no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset) -> keychain-unavailable with the Linux hint', async () => {
    const result = outcomes(await run(process.execPath, [child, 'probe', SERVICE], childEnv(withoutBus())));
    for (const op of ['set', 'get', 'list']) {
      expect(result[op], op).toMatchObject({ code: 'keychain-unavailable', hint: expect.stringMatching(/gnome-keyring.*D-Bus/) });
    }
  });

  it('a dead bus address -> keychain-unavailable', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(tmpdir(), `no-bus-${process.pid}`)}` };
    const result = outcomes(await run(process.execPath, [child, 'probe', SERVICE], childEnv(env)));
    expect(result['set']).toMatchObject({ code: 'keychain-unavailable' });
    expect(result['get']).toMatchObject({ code: 'keychain-unavailable' });
  });

  it('a D-Bus session without any Secret Service provider -> keychain-unavailable', async () => {
    // A session bus whose config has no service directories, so nothing can be activated.
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-bus-'));
    const config = join(dir, 'session.conf');
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${dir}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/></policy></busconfig>`,
    );
    const r = await run('dbus-run-session', [`--config-file=${config}`, '--', process.execPath, child, 'probe', SERVICE], childEnv(withoutBus()));
    const result = outcomes(r);
    expect(result['set']).toMatchObject({ code: 'keychain-unavailable', message: expect.stringContaining('org.freedesktop.secrets') });
    expect(result['list']).toMatchObject({ code: 'keychain-unavailable' });
  });

  it('a locked collection -> keychain-locked for set, get, list and delete, and no crash', async () => {
    // Its own keyring (a nested with-keyring.sh), so locking it does not disturb this one.
    const r = await run('bash', [join(REPO_ROOT, 'scripts/with-keyring.sh'), process.execPath, child, 'lock-then-probe', SERVICE], childEnv(withoutBus()));
    const result = outcomes(r);
    expect(result['setBeforeLock']).toEqual({ ok: null });
    for (const op of ['set', 'get', 'list', 'delete']) {
      expect(result[op], op).toMatchObject({ code: 'keychain-locked', hint: 'Unlock the login keyring and retry.' });
    }
  });
});
