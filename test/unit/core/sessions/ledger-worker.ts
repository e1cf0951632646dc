// SPDX-License-Identifier: MIT
// One process elevating with the MFA ledger; bundled by mfa-ledger-processes.test.ts and run twice at once.
import { appendFileSync } from 'node:fs';
import { systemClock } from '../../../../src-shared/time/clock';
import { timeStep } from '../../../../src-shared/oath-codec/totp';
import { MfaStepLedger, SessionCache } from '../../../../src-main/core/sessions';

const [stateDir, cacheDir, mode, log] = process.argv.slice(2) as [string, string, 'reuse' | 'wait', string];
const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';
const PERIOD = 2;
const key = { kind: 'mfa-session', sourceProfile: 'base', mfaSerial: SERIAL } as const;

async function main(): Promise<void> {
  const ledger = new MfaStepLedger({ stateDir, clock: systemClock, periodSeconds: PERIOD });
  const cache = new SessionCache({ dir: cacheDir, clock: systemClock });
  const FP = 'f'.repeat(64);
  const codes = async (): Promise<string> => {
    const step = timeStep(Date.now(), PERIOD);
    appendFileSync(log, `code ${step}\n`);
    return String(step % 1_000_000).padStart(6, '0');
  };
  const result = await ledger.withMfaCode(
    SERIAL,
    codes,
    async (code) => {
      // Stands in for GetSessionToken: takes a moment, then caches the MFA session.
      await new Promise((r) => setTimeout(r, 200));
      if (mode === 'reuse') {
        const session = { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', expiration: Date.now() + 3600_000 };
        await cache.put(key, { kind: 'mfa-session', profile: 'base', mfaSerial: SERIAL, fingerprint: FP, ...session });
      }
      return `created with ${code}`;
    },
    mode === 'reuse' ? { reuse: async () => ((await cache.get(key, FP)) === undefined ? undefined : 'reused') } : {},
  );
  process.stdout.write(result);
}

main().catch((e: unknown) => {
  process.stderr.write(String(e));
  process.exit(1);
});
