// SPDX-License-Identifier: MIT
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { TouchroleError } from '../src-shared/errors';
import type { Clock } from '../src-shared/time/clock';
import { base32Encode } from './sts-emulator/base32';
import { startStsEmulator } from './sts-emulator';

export interface DemoAws {
  kind: 'moto_server' | 'built-in emulator';
  url: string;
  keys: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

export interface DemoAccount {
  roleArn: string;
  mfaSerial: string;
  seed: Uint8Array;
}

/** Finds an executable on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** moto_server when installed (a fuller AWS), else the built-in STS/IAM emulator, on loopback. */
export async function startDemoAws(account: DemoAccount, env: NodeJS.ProcessEnv, clock: Clock, preferBuiltIn: boolean): Promise<DemoAws> {
  const moto = preferBuiltIn ? undefined : onPath('moto_server', env);
  if (moto) return startMoto(moto);
  const emulator = await startStsEmulator({ host: '127.0.0.1', port: 0, clock });
  const user = emulator.addUser({ userName: 'demo-user' });
  emulator.addRole({ roleArn: account.roleArn, requireMfa: true, maxSessionSeconds: 43200 });
  emulator.addMfaDevice({ serial: account.mfaSerial, seedBase32: base32Encode(account.seed), userName: 'demo-user' });
  return {
    kind: 'built-in emulator',
    url: emulator.url,
    keys: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
    stop: () => emulator.stop(),
  };
}

async function startMoto(bin: string): Promise<DemoAws> {
  const port = await freePort();
  const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new TouchroleError('sts-network', 'moto_server did not start for the demo', {
        hint: 'run `touchrole demo --builtin` to use the built-in emulator',
      });
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    kind: 'moto_server',
    url,
    // moto accepts any signature; these keys exist only in the demo's temporary HOME.
    keys: { accessKeyId: 'AKIADEMOTOUCHROLE001', secretAccessKey: 'demo-secret-not-a-real-key-000000000000' },
    stop: async () => void child.kill(),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
