// SPDX-License-Identifier: MIT
/** A fresh world for elevate's unit tests: a temp folder, a manual clock, a fake STS and the deps over them. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src-shared/time/clock';
import { MfaStepLedger, SessionCache, type ElevateDeps, type MfaWait } from '../../src-main/core/sessions';
import type { AwsCredentials } from '../../src-main/core/sts';
import { FakeSts } from './fake-sts';
import { CONFIG, CREDENTIALS, profilesFrom } from './profiles-fixture';

export const T0 = 30_000 * 58_000_000 + 3_000;
export const BASE_KEYS: AwsCredentials = { accessKeyId: 'AKIABASE', secretAccessKey: 'base-secret' };
export const SCOPE = { configFile: '/c', credentialsFile: '/k', settingsDir: '/s', cacheDir: '/cache', stateDir: '/state', keychainService: 'touchrole' };

export interface ElevateWorld {
  dir: string;
  clock: ManualClock;
  sts: FakeSts;
  /** "<serial> <code>" for each code the YubiKey gave. */
  touches: string[];
  waits: MfaWait[];
  deps: (overrides?: Partial<ElevateDeps>) => ElevateDeps;
}

/** Remove `dir` when done. */
export function freshElevateWorld(): ElevateWorld {
  const dir = mkdtempSync(join(tmpdir(), 'touchrole-elevate-'));
  const clock = new ManualClock(T0);
  const sts = new FakeSts(clock);
  const touches: string[] = [];
  const waits: MfaWait[] = [];
  const deps = (overrides: Partial<ElevateDeps> = {}): ElevateDeps => ({
    profiles: profilesFrom(CONFIG, CREDENTIALS),
    sourceKeys: async (p) => (p === 'base' ? BASE_KEYS : p === 'base-mfa' ? { accessKeyId: 'AKIABASEMFA', secretAccessKey: 'base-mfa-secret' } : undefined),
    // The YubiKey: the code is a function of the time step, like TOTP.
    mfaCode: async (serial) => {
      const code = String(Math.floor(clock.now() / 30_000) % 1_000_000).padStart(6, '0');
      touches.push(`${serial} ${code}`);
      return code;
    },
    sts,
    clock,
    ledger: new MfaStepLedger({ stateDir: join(dir, 'state'), clock, sleep: async (ms) => clock.advance(ms) }),
    cache: new SessionCache({ dir: join(dir, 'cache'), clock }),
    scope: SCOPE,
    roleSessionName: 'touchrole-alice',
    onMfaWait: (w) => waits.push(w),
    ...overrides,
  });
  return { dir, clock, sts, touches, waits, deps };
}
