// SPDX-License-Identifier: MIT
import { awsFilePaths, credentialsFileAccess } from '../../core/aws-config';
import { KeysCommands } from '../../core/vault';
import type { CliContext } from '../command';
import { sourceKeysFor } from '../services';

export function keysCommandsFor(ctx: CliContext): KeysCommands {
  return new KeysCommands({
    store: sourceKeysFor(ctx),
    credentials: credentialsFileAccess(awsFilePaths(ctx.env).credentialsFile, ctx.clock),
  });
}
