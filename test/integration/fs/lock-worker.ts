// SPDX-License-Identifier: MIT
// A separate process that takes the lock once, checks nobody else is inside, bumps a counter
// and exits at once (exiting right after release is what exposed the stale-break race).
// argv: <lock path> <counter path> [staleMs]
import { readFileSync, writeFileSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { withFileLock } from '../../../src-main/core/fs/file-lock';

const [lockPath, counterPath, staleMs] = process.argv.slice(2);
if (lockPath === undefined || counterPath === undefined) throw new Error('usage: lock-worker <lock> <counter>');
const inside = `${counterPath}.inside`;

withFileLock(
  lockPath,
  async () => {
    // O_EXCL marker: fails if another process is inside the critical section too.
    const marker = await open(inside, 'wx');
    await marker.close();
    const count = Number(readFileSync(counterPath, 'utf8'));
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    writeFileSync(counterPath, String(count + 1));
    await unlink(inside);
  },
  staleMs === undefined ? {} : { staleMs: Number(staleMs) },
).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(String(e));
    process.exit(1);
  },
);
