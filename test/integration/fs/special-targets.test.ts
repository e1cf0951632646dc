// SPDX-License-Identifier: MIT
// The writers of ~/.aws/credentials and ~/.aws/config refuse to replace what is not a regular
// file, and never read it as an empty file. Real FIFOs, devices, sockets, directories and links.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCredentialsFile, upsertManagedSection } from '../../../src-main/core/aws-config';
import { atomicWriteFile } from '../../../src-main/core/fs/atomic-write';
import { editConfigFile } from '../../../src-main/core/mfa-device/config-file';
import { ManualClock } from '../../../src-shared/time/clock';

const T0 = Date.UTC(2026, 0, 1);
const clock = new ManualClock(T0);
const session = { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', expiresAt: T0 + 3_600_000 };
const addSession = (text: string): string => upsertManagedSection(text, 'dev-touchrole', session);

type Writer = (path: string) => Promise<unknown>;
const writers: [string, Writer][] = [
  ['updateCredentialsFile', (p) => updateCredentialsFile(p, addSession, { clock })],
  ['editConfigFile', (p) => editConfigFile(p, (t) => `${t}[profile dev]\nregion = eu-west-1\n`)],
  ['atomicWriteFile', (p) => atomicWriteFile(p, '[default]\n')],
];

let root: string;
let server: Server;
let socketPath: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'touchrole-special-'));
  socketPath = join(root, 'sock');
  server = createServer();
  await new Promise<void>((done) => server.listen(socketPath, done));
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(root, { recursive: true, force: true });
});

/**
 * /dev/null itself for a normal user. As root (CI containers), a writer that regressed would
 * replace the machine's /dev/null, so root gets its own node of the same device (c 1 3) instead.
 */
function privateNullDevice(dir: string): string {
  if (process.getuid?.() !== 0) return '/dev/null';
  const node = join(dir, 'null');
  execFileSync('mknod', ['-m', '666', node, 'c', '1', '3']);
  return node;
}

/** Kinds of non-regular target, each made fresh in `dir`; returns the path to write and how to check it is unchanged. */
const specials: [string, (dir: string) => { path: string; unchanged: () => void }][] = [
  [
    'a symlink to a FIFO',
    (dir) => {
      const fifo = join(dir, 'fifo');
      execFileSync('mkfifo', [fifo]);
      symlinkSync(fifo, join(dir, 'credentials'));
      return { path: join(dir, 'credentials'), unchanged: () => expect(lstatSync(fifo).isFIFO()).toBe(true) };
    },
  ],
  [
    'a FIFO',
    (dir) => {
      execFileSync('mkfifo', [join(dir, 'credentials')]);
      return { path: join(dir, 'credentials'), unchanged: () => expect(lstatSync(join(dir, 'credentials')).isFIFO()).toBe(true) };
    },
  ],
  [
    'a symlink to /dev/null',
    (dir) => {
      const nullDevice = privateNullDevice(dir);
      symlinkSync(nullDevice, join(dir, 'credentials'));
      return {
        path: join(dir, 'credentials'),
        unchanged: () => {
          expect(readlinkSync(join(dir, 'credentials'))).toBe(nullDevice);
          expect(statSync(nullDevice).isCharacterDevice()).toBe(true);
        },
      };
    },
  ],
  [
    'a symlink to a unix socket',
    (dir) => {
      symlinkSync(socketPath, join(dir, 'credentials'));
      return { path: join(dir, 'credentials'), unchanged: () => expect(lstatSync(socketPath).isSocket()).toBe(true) };
    },
  ],
  [
    'a directory',
    (dir) => {
      mkdirSync(join(dir, 'credentials'));
      writeFileSync(join(dir, 'credentials', 'inside'), 'x');
      return { path: join(dir, 'credentials'), unchanged: () => expect(readFileSync(join(dir, 'credentials', 'inside'), 'utf8')).toBe('x') };
    },
  ],
];

describe.each(writers)('%s', (_name, write) => {
  it.each(specials)('refuses %s with a clear error and leaves it as it is', async (_kind, make) => {
    const dir = mkdtempSync(join(root, 'case-'));
    const { path, unchanged } = make(dir);
    await expect(write(path)).rejects.toMatchObject({ code: 'file-write-failed', message: expect.stringMatching(/not a regular file/) });
    unchanged();
  });

  it('creates the target of a dangling symlink through the link, keeping the link', async () => {
    const dir = mkdtempSync(join(root, 'dangling-'));
    const link = join(dir, 'credentials');
    symlinkSync(join('dotfiles', 'aws-credentials'), link); // relative, and its directory does not exist yet
    await write(link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'dotfiles', 'aws-credentials'), 'utf8')).toMatch(/\[(default|profile dev|dev-touchrole)\]/);
  });

  it('writes through a symlink to a regular file, keeping the link and the rest of the file', async () => {
    const dir = mkdtempSync(join(root, 'link-'));
    const real = join(dir, 'real');
    writeFileSync(real, '[other]\nregion = x\n', { mode: 0o600 });
    symlinkSync(real, join(dir, 'credentials'));
    await write(join(dir, 'credentials'));
    expect(lstatSync(join(dir, 'credentials')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'credentials'), 'utf8')).toMatch(/\[(default|profile dev|dev-touchrole)\]/);
  });
});
