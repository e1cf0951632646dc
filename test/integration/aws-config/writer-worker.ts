// SPDX-License-Identifier: MIT
// A separate process that writes one session profile with the real lock and atomic write.
// argv: <credentials path> <section name> [crash-before-rename]
import { createRequire } from 'node:module';
import { updateCredentialsFile, upsertManagedSection } from '../../../src-main/core/aws-config';
import { systemClock } from '../../../src-shared/time/clock';

const [path, name, mode] = process.argv.slice(2);
if (path === undefined || name === undefined) throw new Error('usage: writer-worker <path> <name> [crash-before-rename]');
if (mode === 'crash-before-rename') {
  // Simulates power loss / SIGKILL after the temp file is written and synced, before the rename.
  // The module object itself (not an import binding), which atomic-write calls through.
  const fsp = createRequire(__filename)('node:fs/promises') as { rename: unknown };
  fsp.rename = async (): Promise<void> => {
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => undefined);
  };
}
void updateCredentialsFile(
  path,
  (text) =>
    upsertManagedSection(text, name, {
      accessKeyId: `ASIA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
      secretAccessKey: 'secret+/x',
      sessionToken: `token-${name}==`,
      expiresAt: systemClock.now() + 3_600_000,
    }),
  { clock: systemClock },
).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(String(e));
    process.exit(1);
  },
);
