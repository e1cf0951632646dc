// SPDX-License-Identifier: MIT
import type { WireError } from '../src-shared/errors';
import type { IpcResult, TouchroleApi } from '../src-shared/ipc-contract';

declare global {
  interface Window {
    /** Put there by the preload (src-main/app/preload-api.ts); typed from the contract. */
    readonly touchrole: TouchroleApi;
  }
}

export type ErrorSink = (what: string, error: WireError) => void;

/**
 * Awaits a contract call and unwraps its result: the value, or undefined after the error went
 * to the banner. `what` names the action for the banner ("Elevating admin").
 */
export async function call<T>(what: string, pending: Promise<IpcResult<T>>, onError: ErrorSink): Promise<T | undefined> {
  let result: IpcResult<T>;
  try {
    result = await pending;
  } catch {
    result = { ok: false, error: { code: 'internal', message: 'the touchrole window lost its connection to the app' } };
  }
  if (result.ok) return result.value;
  onError(what, result.error);
  return undefined;
}

/**
 * Starts a contract call from an event handler, which cannot await: `then` gets the value
 * (undefined after the error went to the banner), and a throw in `then` reaches the banner too.
 */
export function launch<T>(what: string, pending: Promise<IpcResult<T>>, onError: ErrorSink, then: (value: T | undefined) => void = () => undefined): void {
  call(what, pending, onError)
    .then(then)
    .catch(() => onError(what, { code: 'internal', message: 'the touchrole window failed unexpectedly' }));
}
