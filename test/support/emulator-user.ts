// SPDX-License-Identifier: MIT
/** The tray backend's integration tests: a temporary user whose STS and IAM are the built-in emulator, and its backend. */
import { join } from 'node:path';
import { createCoreBackend, type CoreBackendOptions } from '../../src-main/app/core-backend';
import type { AppBackend } from '../../src-main/core/agent';
import { OathClient, type CardReaders } from '../../src-main/core/oath';
import type { Clock } from '../../src-shared/time/clock';
import { makeTempUser, type TempUser } from './cli-harness';
import { FakeKeychain } from './fake-keychain';

/** A credentials file whose profile "dev" holds the given long-term key. */
export const devCredentials = (keys: { accessKeyId: string; secretAccessKey: string }): string =>
  `[dev]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`;

export function emulatorUser(emulatorUrl: string, files: { config: string; credentials: string }): TempUser {
  return makeTempUser(files, {
    AWS_ENDPOINT_URL_IAM: emulatorUrl,
    AWS_ENDPOINT_URL_STS: emulatorUrl,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
}

/** The tray's backend for that user, finding YubiKeys in `readers`, with an in-memory keychain. */
export function coreBackendFor(user: TempUser, clock: Clock, readers: CardReaders, more: Partial<CoreBackendOptions> = {}): Promise<AppBackend> {
  const keychain = new FakeKeychain();
  const oath = async (): Promise<OathClient> => new OathClient({ readers, keychain });
  return createCoreBackend({ env: user.env, clock, keychain, oath, socketPath: join(user.home, 'agent.sock'), ...more });
}
