// SPDX-License-Identifier: MIT
import { dirname } from 'node:path';
import { TouchroleError } from '../../../src-shared/errors';
import { managedSections, readAwsFile, removeAllManagedSections, removeManagedSection, sessionProfileName, updateCredentialsFile } from '../aws-config';
import { removeStaleTempFilesIn } from '../fs';
import { listCachedRoleSessions, SessionCache, type CachedRoleSession } from '../sessions';
import type { CorePorts } from './core-ports';

export interface ActiveSession {
  /** The profile elevated (the section name without the suffix). */
  profile: string;
  writtenProfile: string;
  expiresAt: number;
}

export interface CleanResult {
  path: string;
  removed: string[];
  cacheEntriesRemoved: string[];
  tempFilesRemoved: string[];
}

/** The sessions touchrole holds (credentials-file sections and cache entries): listing and ending them. */
export class SessionRecordsService {
  constructor(private readonly ports: CorePorts) {}

  /** touchrole's sessions in the credentials file, soonest expiry first; an unreadable expiry (NaN) last. */
  async written(): Promise<ActiveSession[]> {
    const settings = await this.ports.settings();
    const text = (await readAwsFile(this.ports.awsFiles.credentialsFile, 'credentials')) ?? '';
    return managedSections(text)
      .map((s) => ({ writtenProfile: s.name, profile: withoutSuffix(s.name, settings.profileSuffix), expiresAt: s.expiresAt }))
      .sort((a, b) => (Number.isNaN(a.expiresAt) ? 1 : 0) - (Number.isNaN(b.expiresAt) ? 1 : 0) || a.expiresAt - b.expiresAt || 0);
  }

  /** Role sessions only in the cache (served to credential_process, exec and export), still valid. */
  cached(): Promise<CachedRoleSession[]> {
    return listCachedRoleSessions(this.ports.paths.cache, this.ports.clock.now());
  }

  /**
   * Ends a session: its cached copy first (so it is never served again even if the file edit
   * fails), then its credentials-file section. A failed file edit throws after the cache is gone.
   */
  async end(profile: string): Promise<boolean> {
    const settings = await this.ports.settings();
    await this.ports.cache(settings).delete({ kind: 'role-session', profile });
    const name = sessionProfileName(profile, settings.profileSuffix);
    let found = false;
    await this.editCredentials(
      (text) => {
        found = managedSections(text).some((s) => s.name === name);
        return found ? removeManagedSection(text, name) : text;
      },
      `The cached copy of ${profile} is gone`,
      `run \`touchrole end ${profile}\` again to remove its [${name}] section.`,
    );
    return found;
  }

  /**
   * Logs out: every cached session is dropped first (role sessions and the MFA session, which could
   * assume every MFA role without a touch), then every section touchrole wrote. Returns the profiles ended.
   */
  async logout(): Promise<{ ended: string[]; cacheEntriesRemoved: string[] }> {
    const settings = await this.ports.settings();
    const cached = await this.cached();
    const cacheEntriesRemoved = await this.ports.cache(settings).clear();
    let written: string[] = [];
    await this.editCredentials(
      (text) => {
        const r = removeAllManagedSections(text);
        written = r.removed;
        return r.text;
      },
      'Every cached session is gone',
      'run `touchrole logout` again to remove the sections touchrole wrote.',
    );
    const profiles = [...written.map((n) => withoutSuffix(n, settings.profileSuffix)), ...cached.map((c) => c.profile)];
    return { ended: [...new Set(profiles)], cacheEntriesRemoved };
  }

  /** Expired sessions out of the credentials file (and damaged expiries) and the cache, and stale temp files of a crashed write. */
  async clean(): Promise<CleanResult> {
    const { clock, awsFiles, paths } = this.ports;
    const path = awsFiles.credentialsFile;
    const { removedExpired } = await updateCredentialsFile(path, (text) => text, { clock, removeUnreadableExpiry: true });
    const cacheEntriesRemoved = await new SessionCache({ dir: paths.cache, clock }).removeExpired();
    const dirs = [...new Set([dirname(awsFiles.credentialsFile), dirname(awsFiles.configFile), paths.cache])];
    const tempFilesRemoved = (await Promise.all(dirs.map((d) => removeStaleTempFilesIn(d, clock.now())))).flat();
    return { path, removed: removedExpired, cacheEntriesRemoved, tempFilesRemoved };
  }

  private async editCredentials(edit: (text: string) => string, done: string, again: string): Promise<void> {
    const credentialsFile = this.ports.awsFiles.credentialsFile;
    try {
      await updateCredentialsFile(credentialsFile, edit, { clock: this.ports.clock });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new TouchroleError('file-write-failed', `${done}, but ${credentialsFile} could not be edited: ${why}`, {
        hint: `Fix the file, then ${again}`,
        cause: e,
      });
    }
  }
}

function withoutSuffix(name: string, suffix: string): string {
  return name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}
