#!/usr/bin/env node
// SPDX-License-Identifier: MIT
/**
 * npm run bench: touchrole side by side with the AWS CLI v2 and the manual YubiKey flow, all on
 * loopback (moto_server as STS/IAM, the virtual YubiKey behind pcscd + vpcd, a temp HOME), and a
 * markdown table of medians with p10/p90, ratios and goals. Options: --runs N (default 11).
 * Exits 1 with the reason when a tool is missing or a measurement fails; unmet goals are shown,
 * not hidden, and do not change the exit code.
 */
import { rmSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentIdleMemory } from './bench/agent-idle.mjs';
import { coldStart, credentialProcessHit, elevateVsManual, updateInLargeFile } from './bench/measure.mjs';
import { cleanLargeFile, resolveChainedProfiles } from './bench/large-files.mjs';
import { createRole, makeScenario } from './bench/scenario.mjs';
import { AWS_V2, ensurePcscd, missingTools, startMoto, version } from './bench/services.mjs';
import { fmtMs, fmtStats } from './bench/stats.mjs';
import { startQuickAckRelay } from './bench/quick-ack-relay.mjs';
import { startVirtualKey } from './bench/virtual-key.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
// moto_server from scripts/setup.sh's venv, when it had to install one there.
process.env.PATH = `${join(REPO, '.tools', 'moto', 'bin')}:${process.env.PATH ?? ''}`;
const VPCD_PORT = Number(process.env.TOUCHROLE_BENCH_VPCD_PORT ?? 35963);

function parseRuns(argv) {
  const i = argv.indexOf('--runs');
  if (i < 0) return 11;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 3) throw new Error('--runs takes a whole number of at least 3');
  return n;
}

function machine() {
  const cpu = cpus();
  return [
    `CPU: ${cpu[0]?.model ?? 'unknown'} (${cpu.length} logical cores), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}`,
    `node ${process.version}; ${version(AWS_V2, ['--version'])}; ykman ${version('ykman', ['--version']).replace(/^YubiKey Manager \(ykman\) version: /, '')}; moto_server ${version('python3', ['-c', 'import moto; print(moto.__version__)'])}`,
  ];
}

function table(r, runs) {
  const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
  const yes = (ok) => (ok ? 'yes' : '**no**');
  // What credential_process adds to an AWS CLI call, in bare Node starts measured in the same loop.
  const added = r.a.added.median / r.a.node.median;
  const speedup = r.b.manual.median / r.b.elevate.median;
  const speedupAgain = r.b.manual.median / r.b.again.median;
  const hitRatio = r.c.hit.median / r.c.node.median;
  const execRatio = r.c.exec.median / r.c.node.median;
  const s = r.b.steps;
  const st = r.a.ratio;
  return [
    `Medians of ${runs} runs (p10, p90), sides alternated run by run, after one warm-up run.`,
    '',
    '| # | measurement | touchrole | baseline | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| a | \`aws sts get-caller-identity\`: what a credential_process cache hit adds over static keys (paired run by run, which goes first alternating, ${r.a.runs} runs), in \`node -e 0\` starts of the same loop | +${fmtStats(r.a.added)} | \`node -e 0\` ${fmtStats(r.a.node)} | ${added.toFixed(2)} node starts | <= 1.15 | ${yes(added <= 1.15)} |`,
    `| a2 | the same calls as a plain ratio, credential_process vs static keys, run by run (depends mostly on how fast the AWS CLI starts) | ${fmtStats(r.a.cp)} | ${fmtStats(r.a.static)} | ${st.median.toFixed(3)}x (p10 ${st.p10.toFixed(3)}, p90 ${st.p90.toFixed(3)}) | - | - |`,
    `| b | \`touchrole elevate\` (touch, GetSessionToken + AssumeRole, write) vs manual flow | ${fmtStats(r.b.elevate)} | ${fmtStats(r.b.manual)} | ${speedup.toFixed(1)}x faster | >= 10x faster | ${yes(speedup >= 10)} |`,
    `| b2 | \`touchrole elevate\` again (MFA session cached, no touch) vs manual flow | ${fmtStats(r.b.again)} | ${fmtStats(r.b.manual)} | ${speedupAgain.toFixed(1)}x faster | >= 25x faster | ${yes(speedupAgain >= 25)} |`,
    `| c1 | \`touchrole --version\` vs \`node -e 0\` | ${fmtStats(r.c.version)} | ${fmtStats(r.c.node)} | ${ratio(r.c.version.median, r.c.node.median)} | - | - |`,
    `| c2 | \`touchrole credential-process\` cache hit vs \`node -e 0\` | ${fmtStats(r.c.hit)} | ${fmtStats(r.c.node)} | ${hitRatio.toFixed(2)}x | <= 1.30x | ${yes(hitRatio <= 1.3)} |`,
    `| c3 | \`touchrole exec role -- true\`, session cached, vs \`node -e 0\` | ${fmtStats(r.c.exec)} | ${fmtStats(r.c.node)} | ${execRatio.toFixed(2)}x | <= 1.5x | ${yes(execRatio <= 1.5)} |`,
    `| d | update one profile in a credentials file of ${r.d.profiles} profiles (lock, read, parse, splice, check, atomic write) | ${fmtStats(r.d.time)} | - | - | - | - |`,
    `| e1 | load ${r.e1.profiles} chained profiles (each source_profile the one before) and resolve the longest chain | ${fmtStats(r.e1.time)} | - | - | < 1 s | ${yes(r.e1.time.median < 1000)} |`,
    `| e2 | clean ${r.e2.sections} expired sections from a ${(r.e2.bytes / 1e6).toFixed(1)} MB credentials file | ${fmtStats(r.e2.time)} | - | - | < 1 s | ${yes(r.e2.time.median < 1000)} |`,
    `| f | ${r.f.what} | ${r.f.rssMb.toFixed(1)} MB | - | - | <= 80 MB | ${yes(r.f.rssMb <= 80)} |`,
    `| f2 | ${r.f2.what} | ${r.f2.rssMb.toFixed(1)} MB | - | - | <= 80 MB | ${yes(r.f2.rssMb <= 80)} |`,
    '',
    `d: bytes written per update: ${r.d.bytes} (the whole file, written atomically: temp file + rename).`,
    `b, manual flow by step (medians): ykman oath accounts code ${fmtMs(s.ykman.median)} ms, aws sts assume-role ${fmtMs(s.assumeRole.median)} ms, three aws configure set ${fmtMs(s.configureSet.median)} ms.`,
    'Touch: the virtual key answers a touch credential at once (auto touch, 0 ms delay), for both sides; every run is checked to have asked for exactly one touch (b2: none).',
    'Card link: the virtual key reaches vpcd through scripts/bench/quick-ack-relay.py (no 40 ms delayed ACK per APDU), for both sides.',
  ].join('\n');
}

async function main() {
  const runs = parseRuns(process.argv.slice(2));
  const missing = missingTools(REPO);
  if (missing.length > 0) {
    console.error(`bench: missing: ${missing.join('; ')}`);
    process.exit(1);
  }
  const stops = [];
  let scenario;
  try {
    const pcscd = await ensurePcscd();
    stops.push(pcscd.stop);
    const moto = await startMoto();
    stops.push(moto.stop);
    // A serial only this run uses, so touchrole cannot pick another test's virtual key on a second reader.
    const mfaSerial = `arn:aws:iam::123456789012:mfa/bench-${process.pid}`;
    // Through the relay, vpcd's messages reach the key without a 40 ms delayed ACK each (quick-ack-relay.py).
    const relay = await startQuickAckRelay(VPCD_PORT);
    stops.push(relay.stop);
    const key = await startVirtualKey({
      port: relay.port,
      readerPort: VPCD_PORT,
      credentials: [{ issuer: 'AWS', name: mfaSerial, secret: Buffer.from('12345678901234567890'), touch: true }],
      touch: { kind: 'auto', delayMs: 0 },
      connectTimeoutMs: 10_000,
    }).catch((e) => {
      throw new Error(
        `${e.message} (is pcscd running with vsmartcard-vpcd, and port ${VPCD_PORT} free? set TOUCHROLE_BENCH_VPCD_PORT=35964 for the second reader)`,
      );
    });
    stops.push(key.stop);
    scenario = makeScenario(REPO, moto.url, mfaSerial);
    await createRole(scenario, moto.url);
    const ctx = { repo: REPO, bin: join(REPO, 'bin', 'touchrole.js'), runs, scenario, motoUrl: moto.url, key, mfaSerial, oathName: `AWS:${mfaSerial}` };
    const progress = (what) => process.stderr.write(`bench: ${what}...\n`);
    progress('a. credential_process cache hit vs static keys');
    const a = await credentialProcessHit(ctx);
    progress('c. cold start');
    const c = await coldStart(ctx);
    progress('b. elevate vs the manual flow');
    const b = await elevateVsManual(ctx);
    progress('d. one profile in a file of 1,000');
    const d = await updateInLargeFile(ctx);
    progress('e. 2,000 chained profiles; clean of 2,000 expired sections');
    const e1 = await resolveChainedProfiles(ctx);
    const e2 = await cleanLargeFile(ctx);
    progress('f. idle agent memory');
    const f = await agentIdleMemory(ctx);
    progress('f2. idle agent memory after a simulated hour');
    const f2 = await agentIdleMemory(ctx, { simulated: true });
    console.log(['## touchrole benchmarks', '', ...machine().map((l) => `- ${l}`), '', table({ a, b, c, d, e1, e2, f, f2 }, runs)].join('\n'));
  } finally {
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(`bench: cleanup: ${e.message}`));
    if (scenario) rmSync(scenario.home, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`bench: failed: ${e.message}`);
  process.exit(1);
});
