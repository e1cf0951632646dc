// SPDX-License-Identifier: MIT
import { userInfo } from 'node:os';
import type { CredentialProcessOutput } from '../../../src-shared/agent-protocol';
import { TouchroleError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/time/clock';
import {
  awsFilePaths,
  checkSessionProfileName,
  loadAwsProfiles,
  managedSections,
  readAwsFile,
  readCredentialsSection,
  removeAllManagedSections,
  removeManagedSection,
  sessionProfileName,
  updateCredentialsFile,
  upsertManagedSection,
  type AwsProfileSet,
} from '../aws-config';
import { consoleSigninUrl } from '../console';
import type { OathClient } from '../oath';
import { touchrolePaths, type TouchrolePaths } from '../paths';
import type { TouchPrompter } from '../prompt';
import {
  callerIdentity,
  credentialProcessJson,
  defaultRoleSessionName,
  elevate,
  firstKeysFound,
  listCachedRoleSessions,
  MfaStepLedger,
  resolutionScope,
  SessionCache,
  type CallerIdentity,
  type ElevatedSession,
  type MfaMode,
  type MfaWait,
  type SourceKeysLookup,
} from '../sessions';
import { loadSettings, type Settings } from '../settings';
import { keyAgeSources, keysAgeReport, RotationStateFile, rotationReminders, type KeyAgeDeps, type KeyAgeEntry, type RotationReminder } from '../rotation';
import { createIamApi, createStsApi, type StsApi } from '../sts';
import { createOsKeychain, DEFAULT_KEYCHAIN_SERVICE, SourceKeyStore, type Keychain } from '../vault';
import { yubikeyMfaCodes } from './mfa-codes';

export interface TouchroleServiceOptions {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  prompter: TouchPrompter;
  /** Default: the OS keychain (service TOUCHROLE_KEYCHAIN_SERVICE or "touchrole"). */
  keychain?: Keychain;
  /** Default: the real STS over the SDK. */
  sts?: StsApi;
  /** Default: the YubiKey over PC/SC. */
  oath?: () => Promise<OathClient>;
  /** Told when a code of the current time step was already used and touchrole waits. */
  onMfaWait?: (wait: MfaWait) => void;
}

export interface ElevateOptions {
  durationSeconds?: number;
  mfaMode?: MfaMode;
  /** Write the session into the credentials file (touchrole elevate) or only cache it (credential_process). */
  write: boolean;
  reuseCached: boolean;
}

export interface ElevateOutcome extends ElevatedSession {
  /** The credentials-file section holding the session, when written. */
  writtenProfile?: string;
}

export interface ActiveSession {
  /** The profile elevated (the section name without the suffix). */
  profile: string;
  writtenProfile: string;
  expiresAt: number;
}

/**
 * The core composed once for every front end (CLI, agent, tray app): profiles, keychain,
 * YubiKey, STS, the MFA ledger, the session cache and the credentials file.
 */
export class TouchroleService {
  readonly paths: TouchrolePaths;
  readonly keychain: Keychain;
  private readonly sts: StsApi;
  private oathClient: Promise<OathClient> | undefined;

  constructor(private readonly o: TouchroleServiceOptions) {
    this.paths = touchrolePaths(o.env);
    this.keychain = o.keychain ?? createOsKeychain({ service: o.env['TOUCHROLE_KEYCHAIN_SERVICE'] || DEFAULT_KEYCHAIN_SERVICE });
    this.sts = o.sts ?? createStsApi({ env: o.env, clock: o.clock });
  }

  get clock(): Clock {
    return this.o.clock;
  }

  settings(): Promise<Settings> {
    return loadSettings(this.paths.config);
  }

  sourceKeyStore(): SourceKeyStore {
    return new SourceKeyStore(this.keychain, this.o.clock);
  }

  /**
   * The YubiKey client, created on first use (loads PC/SC then). A failed load is not kept: the
   * next call tries again, so a long-running agent recovers once PC/SC is fixed.
   */
  oath(): Promise<OathClient> {
    if (this.oathClient === undefined) {
      const loading = this.o.oath ? this.o.oath() : import('../oath').then((m) => m.createPcscOathClient({ keychain: this.keychain }));
      this.oathClient = loading;
      loading.catch(() => {
        if (this.oathClient === loading) this.oathClient = undefined;
      });
    }
    return this.oathClient;
  }

  /** Profiles; keychain-held keys count when the keychain can be read. */
  async profiles(): Promise<AwsProfileSet> {
    let keychainProfiles = new Set<string>();
    try {
      keychainProfiles = new Set((await this.sourceKeyStore().list()).map((k) => k.profile));
    } catch (e) {
      if (!(e instanceof TouchroleError && (e.code === 'keychain-unavailable' || e.code === 'keychain-locked'))) throw e;
    }
    return loadAwsProfiles(this.o.env, { keychainProfiles });
  }

  async elevate(profile: string, options: ElevateOptions): Promise<ElevateOutcome> {
    const [set, settings] = await Promise.all([this.profiles(), this.settings()]);
    const writtenProfile = options.write ? sessionProfileName(profile, settings.profileSuffix) : undefined;
    // Refuse a colliding name before anything touches the YubiKey or AWS.
    if (writtenProfile !== undefined) checkSessionProfileName(writtenProfile, set.files);
    const session = await elevate(
      {
        profiles: set.profiles,
        sourceKeys: this.sourceKeysLookup(set),
        mfaCode: yubikeyMfaCodes({
          profiles: set.profiles,
          clock: this.o.clock,
          prompter: this.o.prompter,
          oath: () => this.oath(),
          purpose: `elevate ${profile}`,
          profile,
        }),
        sts: this.sts,
        clock: this.o.clock,
        ledger: new MfaStepLedger({ stateDir: this.paths.state, clock: this.o.clock }),
        cache: this.cache(settings),
        scope: resolutionScope(this.o.env),
        roleSessionName: defaultRoleSessionName(userInfo().username),
        ...(this.o.onMfaWait ? { onMfaWait: this.o.onMfaWait } : {}),
      },
      {
        profile,
        reuseCached: options.reuseCached,
        defaultDurationSeconds: settings.defaultDurationSeconds,
        ...(options.durationSeconds === undefined ? {} : { durationSeconds: options.durationSeconds }),
        ...(options.mfaMode === undefined ? {} : { mfaMode: options.mfaMode }),
      },
    );
    if (writtenProfile === undefined) return session;
    const c = session.credentials;
    await updateCredentialsFile(
      set.files.paths.credentialsFile,
      (text) =>
        upsertManagedSection(text, writtenProfile, {
          accessKeyId: c.accessKeyId,
          secretAccessKey: c.secretAccessKey,
          sessionToken: c.sessionToken,
          expiresAt: c.expiration,
        }),
      { clock: this.o.clock },
    );
    return { ...session, writtenProfile };
  }

  async credentialProcess(profile: string): Promise<CredentialProcessOutput> {
    return credentialProcessJson(await this.elevate(profile, { write: false, reuseCached: true }));
  }

  /** This environment's scope, and what `profile` resolves to in it as credential_process asks for it. */
  async identity(profile: string): Promise<CallerIdentity> {
    const settings = await this.settings();
    return callerIdentity(this.o.env, profile, { defaultDurationSeconds: settings.defaultDurationSeconds });
  }

  /** touchrole's sessions in the credentials file, soonest expiry first; an unreadable expiry (NaN) last. */
  async sessions(): Promise<ActiveSession[]> {
    const settings = await this.settings();
    const text = (await readAwsFile(awsFilePaths(this.o.env).credentialsFile, 'credentials')) ?? '';
    return managedSections(text)
      .map((s) => ({
        writtenProfile: s.name,
        profile: s.name.endsWith(settings.profileSuffix) ? s.name.slice(0, -settings.profileSuffix.length) : s.name,
        expiresAt: s.expiresAt,
      }))
      .sort((a, b) => (Number.isNaN(a.expiresAt) ? 1 : 0) - (Number.isNaN(b.expiresAt) ? 1 : 0) || a.expiresAt - b.expiresAt || 0);
  }

  /**
   * Ends a session: its cached copy first (so it is never served again even if the file edit
   * fails), then its credentials-file section. A failed file edit throws after the cache is gone.
   */
  async end(profile: string): Promise<boolean> {
    const settings = await this.settings();
    await this.cache(settings).delete({ kind: 'role-session', profile });
    const name = sessionProfileName(profile, settings.profileSuffix);
    const credentialsFile = awsFilePaths(this.o.env).credentialsFile;
    let found = false;
    try {
      await updateCredentialsFile(
        credentialsFile,
        (text) => {
          found = managedSections(text).some((s) => s.name === name);
          return found ? removeManagedSection(text, name) : text;
        },
        { clock: this.o.clock },
      );
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new TouchroleError('file-write-failed', `The cached copy of ${profile} is gone, but ${credentialsFile} could not be edited: ${why}`, {
        hint: `Fix the file, then run \`touchrole end ${profile}\` again to remove its [${name}] section.`,
        cause: e,
      });
    }
    return found;
  }

  /**
   * Logs out: every cached session is dropped first (role sessions and the MFA session, which could
   * assume every MFA role without a touch), then every section touchrole wrote. Returns the profiles ended.
   */
  async logout(): Promise<{ ended: string[]; cacheEntriesRemoved: string[] }> {
    const settings = await this.settings();
    const cache = this.cache(settings);
    const cached = await listCachedRoleSessions(cache.dir, this.o.clock.now());
    const cacheEntriesRemoved = await cache.clear();
    const credentialsFile = awsFilePaths(this.o.env).credentialsFile;
    let written: string[] = [];
    try {
      await updateCredentialsFile(
        credentialsFile,
        (text) => {
          const r = removeAllManagedSections(text);
          written = r.removed;
          return r.text;
        },
        { clock: this.o.clock },
      );
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new TouchroleError('file-write-failed', `Every cached session is gone, but ${credentialsFile} could not be edited: ${why}`, {
        hint: 'Fix the file, then run `touchrole logout` again to remove the sections touchrole wrote.',
        cause: e,
      });
    }
    const suffix = settings.profileSuffix;
    const profiles = [...written.map((n) => (n.endsWith(suffix) ? n.slice(0, -suffix.length) : n)), ...cached.map((c) => c.profile)];
    return { ended: [...new Set(profiles)], cacheEntriesRemoved };
  }

  /** GetCallerIdentity with the profile's session (elevating when none is cached). */
  async whoami(profile: string): Promise<{ account: string; arn: string; userId: string }> {
    const session = await this.elevate(profile, { write: false, reuseCached: true });
    return this.sts.getCallerIdentity({ credentials: session.credentials, ...(session.plan.region ? { region: session.plan.region } : {}) });
  }

  /** An AWS console sign-in URL for the profile's role session (federation endpoint). */
  async consoleUrl(profile: string): Promise<string> {
    const session = await this.elevate(profile, { write: false, reuseCached: true });
    const federationUrl = this.o.env['TOUCHROLE_FEDERATION_URL'];
    return consoleSigninUrl(session.credentials, federationUrl ? { federationUrl } : {});
  }

  /** Access keys due for rotation (IAM's CreateDate, cached daily; else the import date). */
  async rotationReminders(options: { markNotified: boolean }): Promise<RotationReminder[]> {
    return rotationReminders(await this.keyAgeDeps(), options);
  }

  async keyAges(): Promise<KeyAgeEntry[]> {
    return keysAgeReport(await this.keyAgeDeps());
  }

  private async keyAgeDeps(): Promise<KeyAgeDeps> {
    const [set, settings] = await Promise.all([this.profiles(), this.settings()]);
    return {
      iam: createIamApi({ env: this.o.env, clock: this.o.clock }),
      clock: this.o.clock,
      state: new RotationStateFile(this.paths.state),
      sources: keyAgeSources(set.profiles, {
        store: this.sourceKeyStore(),
        credentialsFile: set.files.paths.credentialsFile,
        clock: this.o.clock,
        defaultMaxAgeDays: settings.keyMaxAgeDays,
      }),
    };
  }

  private cache(settings: Settings): SessionCache {
    return new SessionCache({ dir: this.paths.cache, clock: this.o.clock, refreshWindowMs: settings.refreshMinutes * 60_000 });
  }

  private sourceKeysLookup(set: AwsProfileSet): SourceKeysLookup {
    const store = this.sourceKeyStore();
    const fromKeychain: SourceKeysLookup = async (profile) => {
      const k = await store.get(profile);
      return k && { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey };
    };
    const fromFile: SourceKeysLookup = async (profile) => {
      const text = set.files.credentialsText;
      const s = readCredentialsSection(text, profile) ?? readConfigKeys(set, profile);
      const id = s?.['aws_access_key_id'];
      const secret = s?.['aws_secret_access_key'];
      return id && secret ? { accessKeyId: id, secretAccessKey: secret } : undefined;
    };
    // The keychain is asked only for profiles that have keys there, so a locked keychain does
    // not block users who keep their keys in the credentials file.
    return firstKeysFound(async (p) => (set.profiles.get(p)?.keys === 'keychain' ? fromKeychain(p) : undefined), fromFile);
  }
}

function readConfigKeys(set: AwsProfileSet, profile: string): Record<string, string> | undefined {
  const p = set.profiles.get(profile);
  if (p?.keys !== 'config-file') return undefined;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of p.settings) if (typeof v === 'string') out[k] = v;
  return out;
}
