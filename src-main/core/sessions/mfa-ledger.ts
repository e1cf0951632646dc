// SPDX-License-Identifier: MIT
// AWS accepts each TOTP code once. Per mfa_serial, the last time step touchrole used, shared by all processes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isTouchroleError, TouchroleError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/time/clock';
import { DEFAULT_PERIOD_SECONDS, timeStep } from '../../../src-shared/oath-codec/totp';
import { atomicWriteFile } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import { safeName } from './cache-read';

/** Where MFA codes come from (the YubiKey reader, wired by the composition root). */
export type MfaCodeSource = (serial: string, signal: AbortSignal) => Promise<string>;

/** Told to the user before a wait: why nothing seems to happen for up to 30 seconds. */
export interface MfaWait {
  serial: string;
  waitMs: number;
  /**
   * code-used: this step's code was spent already; code-rejected: AWS refused the code (used
   * elsewhere?); ledger-damaged: the record of spent steps could not be read, so this step counts as spent.
   */
  reason: 'code-used' | 'code-rejected' | 'ledger-damaged';
}

export interface MfaStepLedgerOptions {
  /** touchrolePaths(env).state */
  stateDir: string;
  clock: Clock;
  /** TOTP period (30 s for AWS virtual MFA devices); shorter only in tests. */
  periodSeconds?: number;
  /** Longest wait for the next step before giving up with sts-mfa-reused (default 65 s). */
  maxWaitMs?: number;
  /** How long to wait for another process holding this serial (it may be waiting for a touch). */
  lockTimeoutMs?: number;
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

export interface WithMfaCodeOptions<T> {
  signal?: AbortSignal;
  /** Checked first under the lock: a session a parallel caller just created (no code needed). */
  reuse?: () => Promise<T | undefined>;
  onWait?: (wait: MfaWait) => void;
}

interface LedgerFile {
  version: 1;
  serials: Record<string, { step: number; usedAt: string }>;
}

/** What was read: the valid entries, and whether anything was unreadable (the whole file, or one serial's entry). */
interface LedgerRead {
  data: LedgerFile;
  damaged: 'all' | ReadonlySet<string>;
}

export class MfaStepLedger {
  private readonly file: string;
  private readonly period: number;
  private readonly sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;

  constructor(private readonly options: MfaStepLedgerOptions) {
    this.file = join(options.stateDir, 'mfa-steps.json');
    this.period = options.periodSeconds ?? DEFAULT_PERIOD_SECONDS;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** The last time step used for `serial`, if any. */
  async lastStep(serial: string): Promise<number | undefined> {
    return (await this.lastUse(serial)).step;
  }

  /**
   * A damaged record cannot prove the current step unspent, so it counts as spent (a wait of at
   * most one period) rather than risk a reused code; the next record rewrites the file whole.
   */
  private async lastUse(serial: string): Promise<{ step: number | undefined; damaged: boolean }> {
    const { data, damaged } = await this.read();
    const recorded = data.serials[serial]?.step;
    if (damaged !== 'all' && !damaged.has(serial)) return { step: recorded, damaged: false };
    return { step: Math.max(recorded ?? -1, timeStep(this.options.clock.now(), this.period)), damaged: true };
  }

  /**
   * Runs `fn` with a fresh code for `serial`, holding that serial's inter-process lock
   * throughout, so parallel callers queue: each finds either a session to reuse (`reuse`) or a
   * step not yet spent. A code AWS rejects is retried once with the next step's code, since
   * another tool may have spent it; a second rejection is a wrong device, not a reuse.
   */
  async withMfaCode<T>(serial: string, source: MfaCodeSource, fn: (code: string) => Promise<T>, options: WithMfaCodeOptions<T> = {}): Promise<T> {
    const lock = join(this.options.stateDir, 'locks', `mfa.${safeName(serial)}.lock`);
    return withFileLock(
      lock,
      async () => {
        const reused = await options.reuse?.();
        if (reused !== undefined) return reused;
        try {
          return await fn(await this.freshCode(serial, source, options, 'code-used'));
        } catch (e) {
          if (!isTouchroleError(e) || e.code !== 'sts-invalid-mfa') throw e;
        }
        try {
          return await fn(await this.freshCode(serial, source, options, 'code-rejected'));
        } catch (e) {
          if (!isTouchroleError(e) || e.code !== 'sts-invalid-mfa') throw e;
          throw new TouchroleError('sts-invalid-mfa', `AWS rejected two MFA codes in a row for ${serial}`, {
            hint: 'mfa_serial must name the MFA device whose seed is on the YubiKey (see `touchrole profiles`), and the clock must be right.',
            cause: e,
          });
        }
      },
      { timeoutMs: this.options.lockTimeoutMs ?? 180_000, staleMs: 10 * 60_000 },
    );
  }

  private async freshCode<T>(serial: string, source: MfaCodeSource, options: WithMfaCodeOptions<T>, reason: MfaWait['reason']): Promise<string> {
    const { step: last, damaged } = await this.lastUse(serial);
    const now = this.options.clock.now();
    if (last !== undefined && timeStep(now, this.period) <= last) {
      const waitMs = (last + 1) * this.period * 1000 - now;
      if (waitMs > (this.options.maxWaitMs ?? 65_000)) {
        throw new TouchroleError('sts-mfa-reused', `The MFA code for ${serial} was already used; the next one comes in ${Math.ceil(waitMs / 1000)} s`, {
          hint: 'AWS accepts each code once: try again in a moment.',
        });
      }
      options.onWait?.({ serial, waitMs, reason: damaged ? 'ledger-damaged' : reason });
      await this.sleep(waitMs, options.signal);
    }
    const code = await source(serial, options.signal ?? new AbortController().signal);
    // Recorded before the STS call: AWS may consume the code even if this process dies mid-call.
    // The step after the touch is >= the code's own step, so the record never under-counts.
    await this.record(serial, Math.max(timeStep(this.options.clock.now(), this.period), (last ?? -1) + 1));
    return code;
  }

  /** Records a step spent outside withMfaCode (mfa register spends T and T+1 at once). */
  markUsed(serial: string, step: number): Promise<void> {
    return this.record(serial, step);
  }

  private async record(serial: string, step: number): Promise<void> {
    await withFileLock(`${this.file}.lock`, async () => {
      const { data } = await this.read();
      const prev = data.serials[serial]?.step ?? -1;
      data.serials[serial] = { step: Math.max(prev, step), usedAt: new Date(this.options.clock.now()).toISOString() };
      await atomicWriteFile(this.file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
    });
  }

  /**
   * A missing file is an empty ledger. A file that cannot be read (permissions, a directory in
   * its place) is 'file-read-failed': touchrole could neither know nor record which steps are
   * spent, and the user must fix it. Unreadable content is reported as damaged (see lastUse).
   */
  private async read(): Promise<LedgerRead> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { data: { version: 1, serials: noPrototype() }, damaged: new Set() };
      throw new TouchroleError('file-read-failed', `Cannot read touchrole's record of used MFA codes (${this.file})`, {
        hint: `check its permissions (it must be a file your user can read and write), or remove it: ${this.file}`,
        cause: e,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { data: { version: 1, serials: noPrototype() }, damaged: 'all' };
    }
    const entries = typeof parsed === 'object' && parsed !== null ? (parsed as { serials?: unknown }).serials : undefined;
    if (typeof entries !== 'object' || entries === null) return { data: { version: 1, serials: noPrototype() }, damaged: 'all' };
    const serials: LedgerFile['serials'] = noPrototype();
    const damaged = new Set<string>();
    for (const [k, e] of Object.entries(entries as Record<string, { step?: unknown; usedAt?: unknown } | null>)) {
      if (typeof e?.step === 'number' && Number.isSafeInteger(e.step) && typeof e.usedAt === 'string') serials[k] = { step: e.step, usedAt: e.usedAt };
      else damaged.add(k);
    }
    return { data: { version: 1, serials }, damaged };
  }
}

/** Serials are the user's strings: "__proto__" or "constructor" must index data, not Object.prototype. */
function noPrototype(): LedgerFile['serials'] {
  return Object.create(null) as LedgerFile['serials'];
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TouchroleError('cancelled', 'Cancelled while waiting for the next MFA code'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new TouchroleError('cancelled', 'Cancelled while waiting for the next MFA code'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
