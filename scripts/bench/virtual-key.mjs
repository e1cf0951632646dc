// SPDX-License-Identifier: MIT
// Parent side of virtual-key-child.mjs: start the virtual YubiKey behind pcscd+vpcd, count touches, stop it.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./virtual-key-child.mjs', import.meta.url));

export async function startVirtualKey(options) {
  const child = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const call = (msg) =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`the virtual YubiKey process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (reply) => {
        child.off('exit', onExit);
        if (reply.ok) resolve(reply);
        else reject(new Error(`virtual YubiKey: ${reply.error}`));
      });
      child.send(msg);
    });
  // Secrets cross the IPC channel as hex (the default JSON serialization has no Uint8Array).
  const credentials = options.credentials.map((c) => ({ ...c, secret: Buffer.from(c.secret).toString('hex') }));
  try {
    const { readerName } = await call({ op: 'start', options: { ...options, credentials } });
    return {
      readerName,
      touchRequests: async () => (await call({ op: 'touch-requests' })).touchRequests,
      stop: async () => {
        if (child.exitCode === null) await call({ op: 'stop' }).catch(() => child.kill());
      },
    };
  } catch (e) {
    child.kill();
    throw e;
  }
}
