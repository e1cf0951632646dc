// SPDX-License-Identifier: MIT
import type { Clock } from '../../../src-shared/time/clock';
import { awsFilePaths, type AwsFilePaths } from '../aws-config';
import type { OathClient } from '../oath';
import type { HidBus } from '../otp';
import { touchrolePaths, type TouchrolePaths } from '../paths';
import type { TouchPrompter } from '../prompt';
import { MfaStepLedger, SessionCache, type MfaWait } from '../sessions';
import { loadSettings, type Settings } from '../settings';
import { createIamApi, createStsApi, type IamApi, type StsApi } from '../sts';
import { createOsKeychain, DEFAULT_KEYCHAIN_SERVICE, SourceKeyStore, type Keychain } from '../vault';

/** What a front end hands the core: its environment, clock and touch prompt; tests also pass fakes of the ports. */
export interface CoreOptions {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Reaches the user for a YubiKey touch (terminal, desktop notification, the tray). */
  prompter: TouchPrompter;
  /** Told when a code of the current time step was already used and touchrole waits. */
  onMfaWait?: (wait: MfaWait) => void;
  /** Default: the OS keychain (service TOUCHROLE_KEYCHAIN_SERVICE or "touchrole"). */
  keychain?: Keychain;
  /** Default: the real STS over the SDK. */
  sts?: StsApi;
  /** Default: the real IAM over the SDK. */
  iam?: IamApi;
  /** Default: the YubiKey over PC/SC. */
  oath?: () => Promise<OathClient>;
  /** The USB HID bus for OTP slots and the "CCID off" check. Default: node-hid, loaded on first use. */
  hid?: HidBus;
}

/** The ports, each built once per process; the services share them. */
export interface CorePorts {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  prompter: TouchPrompter;
  onMfaWait: ((wait: MfaWait) => void) | undefined;
  paths: TouchrolePaths;
  awsFiles: AwsFilePaths;
  keychain: Keychain;
  sourceKeys: SourceKeyStore;
  sts: StsApi;
  iam: IamApi;
  ledger: MfaStepLedger;
  /** Read at every call: the tray saves settings while it runs. */
  settings(): Promise<Settings>;
  /** The session cache with the settings' refresh window. */
  cache(settings: Settings): SessionCache;
  /** The YubiKey client, loaded on first use; a failed load is tried again at the next call. */
  oath(): Promise<OathClient>;
  /** Undefined: node-hid, chosen where core/otp is loaded (only on an OTP-slot or HID path). */
  hid: HidBus | undefined;
}

export function buildPorts(o: CoreOptions): CorePorts {
  const paths = touchrolePaths(o.env);
  const keychain = o.keychain ?? createOsKeychain({ service: o.env['TOUCHROLE_KEYCHAIN_SERVICE'] || DEFAULT_KEYCHAIN_SERVICE });
  let cache: SessionCache | undefined;
  let cacheWindowMs = 0;
  let oathClient: Promise<OathClient> | undefined;
  return {
    env: o.env,
    clock: o.clock,
    prompter: o.prompter,
    onMfaWait: o.onMfaWait,
    paths,
    awsFiles: awsFilePaths(o.env),
    keychain,
    sourceKeys: new SourceKeyStore(keychain, o.clock),
    sts: o.sts ?? createStsApi({ env: o.env, clock: o.clock }),
    iam: o.iam ?? createIamApi({ env: o.env, clock: o.clock }),
    ledger: new MfaStepLedger({ stateDir: paths.state, clock: o.clock }),
    settings: () => loadSettings(paths.config),
    cache(settings) {
      const windowMs = settings.refreshMinutes * 60_000;
      if (cache === undefined || cacheWindowMs !== windowMs) {
        cache = new SessionCache({ dir: paths.cache, clock: o.clock, refreshWindowMs: windowMs });
        cacheWindowMs = windowMs;
      }
      return cache;
    },
    // A long-running agent recovers once PC/SC is fixed: a failed load is not kept.
    oath() {
      if (oathClient === undefined) {
        const loading = o.oath ? o.oath() : import('../oath').then((m) => m.createPcscOathClient({ keychain }));
        oathClient = loading;
        loading.catch(() => {
          if (oathClient === loading) oathClient = undefined;
        });
      }
      return oathClient;
    },
    hid: o.hid,
  };
}
