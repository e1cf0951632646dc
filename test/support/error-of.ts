// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../src-shared/errors';

/** The TouchroleError a promise rejects with; any other outcome fails the test. */
export async function errorOf(p: Promise<unknown>): Promise<TouchroleError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TouchroleError) return e;
    throw e;
  }
  throw new Error('expected a TouchroleError');
}

/** The code of the TouchroleError a promise rejects with; any other outcome fails the test. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  return (await errorOf(p)).code;
}
