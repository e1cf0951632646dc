// SPDX-License-Identifier: MIT
import { BugError, TouchroleError, type WireError } from '../../src-shared/errors';
import { printable } from '../../src-shared/printable';

/** 0 ok; 1 something the user can fix (the message says how); 2 usage; 3 a bug in touchrole. */
export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_USAGE = 2;
export const EXIT_BUG = 3;

export interface Failure {
  exitCode: number;
  wire: WireError;
}

/** The one place an error becomes an exit code and a wire error. */
export function toFailure(e: unknown): Failure {
  if (e instanceof TouchroleError) {
    // 'internal' is the bug code: it exits 3 like BugError, whichever way it was raised.
    return { exitCode: e.code === 'usage' ? EXIT_USAGE : e.code === 'internal' ? EXIT_BUG : EXIT_USER, wire: e.toWire() };
  }
  const message = e instanceof BugError ? e.message : `touchrole bug: unexpected ${describe(e)}`;
  return {
    exitCode: EXIT_BUG,
    wire: { code: 'internal', message, hint: 'Please report it with the command you ran (no secrets needed).' },
  };
}

/** One line for stderr: message, then what to do; a name or an ARN quoted in them cannot break the line or drive the terminal. */
export function failureLine(wire: WireError): string {
  return wire.hint === undefined ? `touchrole: ${printable(wire.message)}` : `touchrole: ${printable(wire.message)} (${printable(wire.hint)})`;
}

// Error messages from libraries can quote request data; keep only the type and the first line.
function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${(e.message.split('\n')[0] ?? '').slice(0, 200)}`;
  return typeof e;
}
