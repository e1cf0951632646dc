// SPDX-License-Identifier: MIT
import { userInfo } from 'node:os';
import type { CredentialProcessOutput } from '../../../src-shared/agent-protocol';
import { checkSessionProfileName, sessionProfileName, updateCredentialsFile, upsertManagedSection } from '../aws-config';
import { consoleSigninUrl } from '../console';
import {
  callerIdentity,
  credentialProcessJson,
  defaultRoleSessionName,
  elevate,
  resolutionScope,
  type CallerIdentity,
  type ElevatedSession,
  type MfaMode,
} from '../sessions';
import { whereOf, type TemporaryCredentials } from '../sts';
import type { CorePorts } from './core-ports';
import { yubikeyMfaCodes } from './mfa-codes';
import type { ProfilesService } from './profiles-service';
import { sourceKeysLookup } from './source-keys';

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

/** Role sessions: elevate (YubiKey, STS, the MFA ledger, the cache), and what is done with a session. */
export class SessionsService {
  constructor(
    private readonly ports: CorePorts,
    private readonly profiles: ProfilesService,
  ) {}

  async elevate(profile: string, options: ElevateOptions): Promise<ElevateOutcome> {
    const p = this.ports;
    const [set, settings] = await Promise.all([this.profiles.all(), p.settings()]);
    const writtenProfile = options.write ? sessionProfileName(profile, settings.profileSuffix) : undefined;
    // Refuse a colliding name before anything touches the YubiKey or AWS.
    if (writtenProfile !== undefined) checkSessionProfileName(writtenProfile, set.files);
    // The credentials file is written beside the session cache (their fsyncs overlap), before elevate resolves.
    const writeProfile = async (c: TemporaryCredentials, name: string): Promise<void> => {
      await updateCredentialsFile(
        set.files.paths.credentialsFile,
        (text) =>
          upsertManagedSection(text, name, {
            accessKeyId: c.accessKeyId,
            secretAccessKey: c.secretAccessKey,
            sessionToken: c.sessionToken,
            expiresAt: c.expiration,
          }),
        { clock: p.clock },
      );
    };
    const session = await elevate(
      {
        profiles: set.profiles,
        sourceKeys: sourceKeysLookup(p, set),
        mfaCode: yubikeyMfaCodes({
          profiles: set.profiles,
          clock: p.clock,
          prompter: p.prompter,
          oath: () => p.oath(),
          hid: p.hid,
          purpose: `elevate ${profile}`,
          profile,
        }),
        sts: p.sts,
        clock: p.clock,
        ledger: p.ledger,
        cache: p.cache(settings),
        scope: resolutionScope(p.env),
        roleSessionName: defaultRoleSessionName(userInfo().username),
        ...(p.onMfaWait ? { onMfaWait: p.onMfaWait } : {}),
      },
      {
        profile,
        reuseCached: options.reuseCached,
        defaultDurationSeconds: settings.defaultDurationSeconds,
        ...(options.durationSeconds === undefined ? {} : { durationSeconds: options.durationSeconds }),
        ...(options.mfaMode === undefined ? {} : { mfaMode: options.mfaMode }),
        ...(writtenProfile === undefined ? {} : { alongside: (c: TemporaryCredentials) => writeProfile(c, writtenProfile) }),
      },
    );
    return writtenProfile === undefined ? session : { ...session, writtenProfile };
  }

  /** A session for credential_process, exec and export: the cached one while it lasts. */
  cached(profile: string, options: { durationSeconds?: number; reuseCached?: boolean } = {}): Promise<ElevateOutcome> {
    const duration = options.durationSeconds === undefined ? {} : { durationSeconds: options.durationSeconds };
    return this.elevate(profile, { write: false, reuseCached: options.reuseCached ?? true, ...duration });
  }

  async credentialProcess(profile: string): Promise<CredentialProcessOutput> {
    return credentialProcessJson(await this.cached(profile));
  }

  /** This environment's scope, and what `profile` resolves to in it as credential_process asks for it. */
  async identity(profile: string): Promise<CallerIdentity> {
    const settings = await this.ports.settings();
    return callerIdentity(this.ports.env, profile, { defaultDurationSeconds: settings.defaultDurationSeconds });
  }

  /** GetCallerIdentity with the profile's session (elevating when none is cached). */
  async whoami(profile: string): Promise<{ account: string; arn: string; userId: string }> {
    const session = await this.cached(profile);
    return this.ports.sts.getCallerIdentity({ credentials: session.credentials, ...whereOf(session.plan) });
  }

  /** An AWS console sign-in URL for the profile's role session (federation endpoint). */
  async consoleUrl(profile: string): Promise<string> {
    const session = await this.cached(profile);
    const federationUrl = this.ports.env['TOUCHROLE_FEDERATION_URL'];
    return consoleSigninUrl(session.credentials, federationUrl ? { federationUrl } : {});
  }

  /** STS DecodeAuthorizationMessage, signed with the profile's session. */
  async decodeAuthorizationMessage(profile: string, message: string): Promise<string> {
    const session = await this.cached(profile);
    return this.ports.sts.decodeAuthorizationMessage({ credentials: session.credentials, ...whereOf(session.plan) }, message);
  }
}
