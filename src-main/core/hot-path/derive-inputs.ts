// SPDX-License-Identifier: MIT
// The hot path's slow half, loaded only when a memo does not answer: settings and AWS files read and parsed.
import { loadSettings } from '../settings/load-settings';
import type { DerivedInputs } from './inputs-memo';
import { profileIdentity } from './profile-identity';

/** Undefined when a file cannot be read or parsed: no cache hit then; the full CLI reports why. */
export async function deriveInputs(env: NodeJS.ProcessEnv, profile: string, configDir: string): Promise<DerivedInputs | undefined> {
  try {
    const settings = await loadSettings(configDir);
    const identity = await profileIdentity(env, profile, { defaultDurationSeconds: settings.defaultDurationSeconds });
    if (identity === undefined) return undefined;
    return { ...identity, defaultDurationSeconds: settings.defaultDurationSeconds, refreshMinutes: settings.refreshMinutes };
  } catch {
    return undefined;
  }
}
