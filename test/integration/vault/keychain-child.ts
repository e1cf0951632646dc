// SPDX-License-Identifier: MIT
// Run as a child process by keychain.test.ts: exercises the real keytar adapter in whatever
// D-Bus environment it was started in and prints one JSON line of outcomes.
import { execFileSync } from 'node:child_process';
import { createOsKeychain } from '../../../src-main/core/vault/keychain';
import { TouchroleError } from '../../../src-shared/errors';

type Outcome = { ok: unknown } | { code: string; message: string; hint?: string };

async function attempt(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: (await fn()) ?? null };
  } catch (e) {
    if (e instanceof TouchroleError) return e.hint === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, hint: e.hint };
    return { code: 'not-a-touchrole-error', message: String(e) };
  }
}

async function main(): Promise<void> {
  const [mode, service] = process.argv.slice(2);
  if (service === undefined) throw new Error('usage: keychain-child <probe|lock-then-probe> <service>');
  const keychain = createOsKeychain({ service });
  const out: Record<string, Outcome> = {};
  if (mode === 'lock-then-probe') {
    out['setBeforeLock'] = await attempt(() => keychain.set('source-keys:locked', 'stored-before-lock'));
    execFileSync('dbus-send', [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.secrets',
      '/org/freedesktop/secrets',
      'org.freedesktop.Secret.Service.Lock',
      'array:objpath:/org/freedesktop/secrets/aliases/default',
    ]);
  }
  out['set'] = await attempt(() => keychain.set('source-keys:probe', 'value'));
  out['get'] = await attempt(() => keychain.get(mode === 'lock-then-probe' ? 'source-keys:locked' : 'source-keys:probe'));
  out['list'] = await attempt(() => keychain.list('source-keys:'));
  out['delete'] = await attempt(() => keychain.delete('source-keys:locked'));
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`keychain-child failed: ${String(e)}\n`);
  process.exit(70);
});
