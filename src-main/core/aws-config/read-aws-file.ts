// SPDX-License-Identifier: MIT
import { readFile, stat } from 'node:fs/promises';
import { TouchroleError } from '../../../src-shared/errors';

export type AwsFileKind = 'config' | 'credentials';

/**
 * Decodes a config/credentials file as botocore does in a UTF-8 locale: invalid UTF-8 is an
 * error (fatal) and a BOM is kept as a character (botocore then rejects the file, and so do we).
 */
export function decodeAwsFile(bytes: Uint8Array, kind: AwsFileKind, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw parseError(kind, path, 'it is not valid UTF-8 text');
  }
}

/** The file's text, or undefined when there is no such regular file (botocore's ConfigNotFound). */
export async function readAwsFile(path: string, kind: AwsFileKind): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return decodeAwsFile(await readFile(path), kind, path);
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
}

export function parseError(kind: AwsFileKind, path: string, detail: string): TouchroleError {
  const what = kind === 'config' ? 'AWS config file' : 'AWS credentials file';
  return new TouchroleError(kind === 'config' ? 'config-parse-error' : 'credentials-parse-error', `${what} ${path}: ${detail}`, {
    hint: 'The AWS CLI refuses this file too: fix the line named, then try again.',
  });
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
