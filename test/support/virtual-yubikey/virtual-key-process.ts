// SPDX-License-Identifier: MIT
/**
 * The virtual YubiKey in a child process. Needed because the smartcard binding's disconnect
 * is synchronous: while it blocks our event loop, pcscd's vpcd driver may be waiting for an
 * in-process virtual card to answer its presence poll, and both wait forever. A real YubiKey
 * (or a card in another process) answers without us, so production code is unaffected.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { TouchBehaviour, VirtualYubiKeyOptions } from '.';
import type { ChildReply, ChildRequest } from './virtual-key-child';

type Request = ChildRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

let bundled: string | undefined;

/** Bundle the TypeScript child once per test file (Node 20 cannot run .ts itself). */
function childScript(): string {
  if (bundled) return bundled;
  const out = join(mkdtempSync(join(tmpdir(), 'touchrole-vkey-')), 'child.js');
  buildSync({ entryPoints: [join(__dirname, 'virtual-key-child.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
  bundled = out;
  return out;
}

export class OutOfProcessYubiKey {
  private nextId = 1;
  private readonly pending = new Map<number, (r: ChildReply) => void>();
  private started: { deviceId: string; readerName: string } = { deviceId: '', readerName: '' };

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (r: ChildReply) => this.pending.get(r.id)?.(r));
    child.on('exit', (code) => {
      for (const [id, settle] of this.pending) settle({ id, ok: false, error: `virtual key process exited (${code})` });
    });
  }

  static async start(options: VirtualYubiKeyOptions): Promise<OutOfProcessYubiKey> {
    const key = new OutOfProcessYubiKey(fork(childScript(), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    try {
      const reply = await key.call({ op: 'start', options });
      key.started = { deviceId: reply.deviceId ?? '', readerName: reply.readerName ?? '' };
      return key;
    } catch (e) {
      key.child.kill();
      throw e;
    }
  }

  /** ykman's device id of this key. */
  get deviceId(): string {
    return this.started.deviceId;
  }

  get readerName(): string {
    return this.started.readerName;
  }

  remove(): Promise<unknown> {
    return this.call({ op: 'remove' });
  }
  insert(): Promise<unknown> {
    return this.call({ op: 'insert' });
  }
  setTouchBehaviour(behaviour: TouchBehaviour): Promise<unknown> {
    return this.call({ op: 'touch-behaviour', behaviour });
  }

  async stop(): Promise<void> {
    try {
      await this.call({ op: 'stop' });
    } finally {
      this.child.kill();
    }
  }

  private call(req: Request): Promise<ChildReply & { ok: true }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (r) => {
        this.pending.delete(id);
        if (r.ok) resolve(r);
        else reject(new Error(r.error));
      });
      this.child.send({ ...req, id });
    });
  }
}
