// SPDX-License-Identifier: MIT
/**
 * The user's home folder as os.homedir() gives it (HOME, else the password database). node:os is
 * loaded only here, when HOME is unset: it costs every start ~0.2 ms, and credential_process
 * starts on every `aws` command (docs/benchmarks.md, row a).
 */
export function osHomedir(): string {
  return process.getBuiltinModule('node:os').homedir();
}
