// SPDX-License-Identifier: MIT
// The virtual YubiKey (from dist/) in its own process, so the benchmark's event loop and the
// tools under test never delay its answers to pcscd. Started by virtual-key.mjs over IPC.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { readerNameForPort, VirtualYubiKey } = require('../../dist/src-emulators/virtual-yubikey');

let key;
process.on('message', async (msg) => {
  try {
    if (msg.op === 'start') {
      // readerPort: vpcd's own port when the key connects through the quick-ACK relay (which names the reader).
      const { credentials, readerPort, ...rest } = msg.options;
      key = await VirtualYubiKey.start({ ...rest, credentials: credentials.map((c) => ({ ...c, secret: Buffer.from(c.secret, 'hex') })) });
      process.send({ ok: true, readerName: readerNameForPort(readerPort ?? key.port), touchRequests: 0 });
    } else if (msg.op === 'touch-requests') {
      process.send({ ok: true, touchRequests: key.touchRequests });
    } else if (msg.op === 'stop') {
      await key?.stop();
      process.send({ ok: true }, () => process.exit(0));
    }
  } catch (e) {
    process.send({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
