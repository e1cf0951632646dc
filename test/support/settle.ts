// SPDX-License-Identifier: MIT

/** Lets pending promise chains and I/O callbacks run (a few event-loop turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
