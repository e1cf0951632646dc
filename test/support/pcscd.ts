// SPDX-License-Identifier: MIT
/**
 * Checks on the real pcscd, independent of touchrole's own PC/SC code: readers and card
 * presence are read through pyscard (python3-pyscard, which ykman itself uses) so a bug in
 * touchrole's transport cannot make a test agree with itself.
 */
import { execFile } from 'node:child_process';

/** The system Python that has pyscard (a pyenv shim on PATH may not). */
const PYTHON = '/usr/bin/python3';

export interface ReaderState {
  name: string;
  cardPresent: boolean;
  /** Hex ATR when a card is present. */
  atr: string | undefined;
}

// Prints one JSON line: the readers with their state, or the PC/SC error that stopped it.
const PROBE = `
import json, sys
from smartcard import scard as s
hr, ctx = s.SCardEstablishContext(s.SCARD_SCOPE_USER)
if hr != s.SCARD_S_SUCCESS:
    print(json.dumps({"error": s.SCardGetErrorMessage(hr), "hr": hr & 0xffffffff})); sys.exit(0)
hr, readers = s.SCardListReaders(ctx, [])
if hr == s.SCARD_E_NO_READERS_AVAILABLE:
    readers = []
elif hr != s.SCARD_S_SUCCESS:
    print(json.dumps({"error": s.SCardGetErrorMessage(hr), "hr": hr & 0xffffffff})); sys.exit(0)
out = []
if readers:
    hr, states = s.SCardGetStatusChange(ctx, 0, [(r, s.SCARD_STATE_UNAWARE) for r in readers])
    if hr != s.SCARD_S_SUCCESS:
        print(json.dumps({"error": s.SCardGetErrorMessage(hr), "hr": hr & 0xffffffff})); sys.exit(0)
    for name, state, atr in states:
        present = bool(state & s.SCARD_STATE_PRESENT) and not bool(state & s.SCARD_STATE_MUTE)
        out.append({"name": name, "cardPresent": present, "atr": bytes(atr).hex() if present and atr else None})
s.SCardReleaseContext(ctx)
print(json.dumps({"readers": out}))
`;

const SCARD_E_NO_SERVICE = 0x8010001d;

interface ProbeResult {
  readers?: Array<{ name: string; cardPresent: boolean; atr: string | null }>;
  error?: string;
  hr?: number;
}

/** Every reader pcscd knows, with card presence. Fails clearly when pcscd is not running. */
export async function listReaders(): Promise<ReaderState[]> {
  const result = await probe();
  if (result.error !== undefined) {
    const hint =
      result.hr === SCARD_E_NO_SERVICE
        ? 'pcscd is not running: start it (e.g. `pcscd -f` or scripts/with-services.sh) before integration tests'
        : 'pcscd answered with an error';
    throw new Error(`${hint} (${result.error})`);
  }
  return (result.readers ?? []).map((r) => ({ name: r.name, cardPresent: r.cardPresent, atr: r.atr ?? undefined }));
}

/** Throws a clear error unless pcscd answers and has the named reader. */
export async function requireReader(reader: string): Promise<ReaderState> {
  const readers = await listReaders();
  const found = readers.find((r) => r.name === reader);
  if (found === undefined) {
    const names = readers.map((r) => `"${r.name}"`).join(', ') || 'none';
    throw new Error(`PC/SC reader "${reader}" not found (readers: ${names}); is vsmartcard-vpcd installed and pcscd restarted?`);
  }
  return found;
}

/** Waits until pcscd reports a card in the reader (`present`) or the reader empty. */
export async function waitForCard(reader: string, present: boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await requireReader(reader);
    if (state.cardPresent === present) return;
    if (Date.now() > deadline) {
      throw new Error(`pcscd still reports "${reader}" ${present ? 'empty' : 'holding a card'} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function probe(): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, ['-c', PROBE], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(
          new Error(
            `cannot query pcscd through ${PYTHON} and pyscard (Debian python3-pyscard, installed with ` + `yubikey-manager): ${stderr.trim() || error.message}`,
          ),
        );
        return;
      }
      try {
        resolve(JSON.parse(stdout) as ProbeResult);
      } catch {
        reject(new Error(`unexpected output from the pcscd probe: ${stdout.slice(0, 200)}`));
      }
    });
  });
}
