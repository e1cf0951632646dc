// SPDX-License-Identifier: MIT
// The four measurements. Each alternates the two sides run by run, so drift (CPU frequency, moto
// warming up) hits both alike.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AWS_V2 } from './services.mjs';
import { summarize, timed } from './stats.mjs';

const require = createRequire(import.meta.url);

function touchrole(ctx, args) {
  return timed(process.execPath, [ctx.bin, ...args], ctx.scenario.env);
}

function aws(ctx, args) {
  return timed(AWS_V2, [...args, '--endpoint-url', ctx.motoUrl, '--output', 'json'], ctx.scenario.env);
}

/** Fails loudly unless `fn` caused exactly `expected` touch requests on the virtual key. */
async function expectTouches(ctx, expected, what, fn) {
  const before = await ctx.key.touchRequests();
  const result = await fn();
  const got = (await ctx.key.touchRequests()) - before;
  if (got !== expected) throw new Error(`${what}: expected ${expected} touch request(s) on the virtual key, saw ${got}`);
  return result;
}

function callerArn(run) {
  return JSON.parse(run.stdout).Arn;
}

/**
 * The hot path keeps a memo of the AWS files it parsed, written only for files changed more than
 * RACY_MS (2 s) before (src-main/core/hot-path/inputs-memo.ts). A user's files are older than that;
 * the bench's were just written (by elevate, into ~/.aws/credentials), so it waits as long first.
 */
function filesSettled() {
  return new Promise((resolve) => setTimeout(resolve, 2_500));
}

/**
 * a. AWS CLI v2 get-caller-identity: credential_process (cache hit) vs static keys, with
 * `node -e 0` in the same loop: what credential_process adds over static keys is a Node start
 * plus the hit, so it is also read as a multiple of a bare Node start.
 */
export async function credentialProcessHit(ctx) {
  await touchrole(ctx, ['elevate', 'role']); // warms the cache credential_process reads
  await filesSettled();
  const cp = [];
  const stat = [];
  const node = [];
  const ratios = [];
  const added = [];
  // Four times the runs: the AWS CLI's own start varies by tens of ms, the difference sought is one Node start, and the
  // median of n paired differences wanders as 1/sqrt(n) (twice the runs left the goal decided by the run, not the code).
  const viaCp = async () => {
    const a = await expectTouches(ctx, 0, 'credential_process cache hit', () => aws(ctx, ['sts', 'get-caller-identity', '--profile', 'cp']));
    if (!/:assumed-role\/Bench\//.test(callerArn(a))) throw new Error(`credential_process profile called as ${callerArn(a)}, not the role`);
    return a;
  };
  const viaStatic = () => aws(ctx, ['sts', 'get-caller-identity', '--profile', 'static']);
  for (let i = -1; i < 4 * ctx.runs; i++) {
    // Which side goes first alternates, so that any advantage of running second cancels out.
    const cpFirst = i % 2 === 0;
    const first = await (cpFirst ? viaCp() : viaStatic());
    const second = await (cpFirst ? viaStatic() : viaCp());
    const [a, b] = cpFirst ? [first, second] : [second, first];
    const n = await timed(process.execPath, ['-e', '0'], ctx.scenario.env);
    if (i < 0) continue; // run -1 is a warm-up of all three
    cp.push(a.ms);
    stat.push(b.ms);
    node.push(n.ms);
    ratios.push(a.ms / b.ms);
    added.push(a.ms - b.ms); // paired run by run, so drift between runs cancels
  }
  return { cp: summarize(cp), static: summarize(stat), node: summarize(node), ratio: summarize(ratios), added: summarize(added), runs: cp.length };
}

/**
 * c. Process cold start against `node -e 0`, alternated run by run: `touchrole --version` (the full
 * CLI bundle), a credential_process cache hit and `touchrole exec role -- true` with the session
 * cached (both from the hot-path bundle).
 */
export async function coldStart(ctx) {
  await filesSettled();
  const node = [];
  const version = [];
  const hit = [];
  const exec = [];
  for (let i = -1; i < ctx.runs; i++) {
    const n = await timed(process.execPath, ['-e', '0'], ctx.scenario.env);
    const v = await touchrole(ctx, ['--version']);
    const h = await expectTouches(ctx, 0, 'credential-process cache hit', () => touchrole(ctx, ['credential-process', 'role']));
    if (JSON.parse(h.stdout).Version !== 1) throw new Error('credential-process did not print credential_process JSON');
    const x = await expectTouches(ctx, 0, 'exec with a cached session', () => touchrole(ctx, ['exec', 'role', '--', 'true']));
    if (i >= 0) (node.push(n.ms), version.push(v.ms), hit.push(h.ms), exec.push(x.ms));
  }
  return { node: summarize(node), version: summarize(version), hit: summarize(hit), exec: summarize(exec) };
}

/** The manual flow of AWS's YubiKey guide: ykman code, assume-role with it, three configure set. */
async function manualFlow(ctx) {
  const steps = {};
  const start = process.hrtime.bigint();
  const code = await timed('ykman', ['--reader', ctx.key.readerName, 'oath', 'accounts', 'code', '-s', ctx.oathName], ctx.scenario.env);
  steps.ykman = code.ms;
  const tokenCode = code.stdout.trim();
  if (!/^\d{6}$/.test(tokenCode)) throw new Error(`ykman printed "${tokenCode}", not a 6-digit code`);
  const assumed = await aws(ctx, [
    'sts',
    'assume-role',
    '--profile',
    'dev',
    '--role-arn',
    ctx.scenario.roleArn,
    '--role-session-name',
    'manual',
    '--serial-number',
    ctx.mfaSerial,
    '--token-code',
    tokenCode,
    '--duration-seconds',
    '3600',
  ]);
  steps.assumeRole = assumed.ms;
  const c = JSON.parse(assumed.stdout).Credentials;
  steps.configureSet = 0;
  for (const [key, value] of [
    ['aws_access_key_id', c.AccessKeyId],
    ['aws_secret_access_key', c.SecretAccessKey],
    ['aws_session_token', c.SessionToken],
  ]) {
    steps.configureSet += (await timed(AWS_V2, ['configure', 'set', key, value, '--profile', 'role-manual'], ctx.scenario.env)).ms;
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, steps };
}

/**
 * Every cached session and the MFA ledger go, so the next elevation needs the key; V8's code
 * cache of the bundles (<cache>/v8) stays, as it does for a user whose sessions expired.
 */
function forgetSessions(ctx) {
  for (const name of existsSync(ctx.scenario.cacheDir) ? readdirSync(ctx.scenario.cacheDir, { withFileTypes: true }) : []) {
    if (name.isFile()) rmSync(join(ctx.scenario.cacheDir, name.name), { force: true });
  }
  rmSync(join(ctx.scenario.stateDir, 'mfa-steps.json'), { force: true });
}

/**
 * b. `touchrole elevate role` with a touch (default MFA mode: GetSessionToken + AssumeRole, then the
 * credentials file) vs the manual flow (one touch each). Before each touchrole run its cache and
 * MFA ledger are cleared (not timed), so every run is a first elevation that needs the key; the
 * repeat elevation right after, which reuses the MFA session with no touch, is its own row.
 */
export async function elevateVsManual(ctx) {
  const elevate = [];
  const again = [];
  const manual = [];
  const steps = { ykman: [], assumeRole: [], configureSet: [] };
  for (let i = -1; i < ctx.runs; i++) {
    forgetSessions(ctx);
    const e = await expectTouches(ctx, 1, 'touchrole elevate', () => touchrole(ctx, ['elevate', 'role', '--json']));
    if (JSON.parse(e.stdout).writtenProfile !== 'role-touchrole') throw new Error(`elevate wrote ${e.stdout}`);
    const r = await expectTouches(ctx, 0, 'touchrole elevate (MFA session cached)', () => touchrole(ctx, ['elevate', 'role', '--json']));
    const m = await expectTouches(ctx, 1, 'manual flow', () => manualFlow(ctx));
    if (i < 0) continue; // warm-up
    elevate.push(e.ms);
    again.push(r.ms);
    manual.push(m.ms);
    for (const k of Object.keys(steps)) steps[k].push(m.steps[k]);
  }
  const who = await aws(ctx, ['sts', 'get-caller-identity', '--profile', 'role-manual', '--region', 'us-east-1']);
  if (!/:assumed-role\/Bench\/manual/.test(callerArn(who))) throw new Error('the manual flow did not produce a working profile');
  const summarizedSteps = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, summarize(v)]));
  return { elevate: summarize(elevate), again: summarize(again), manual: summarize(manual), steps: summarizedSteps };
}

/** d. One profile updated in a credentials file of 1,000 profiles, through the core (dist/). */
export async function updateInLargeFile(ctx, profiles = 1000) {
  const { updateCredentialsFile, upsertManagedSection } = require(join(ctx.repo, 'dist/src-main/core/aws-config'));
  const { systemClock } = require(join(ctx.repo, 'dist/src-shared/time/clock'));
  const path = join(ctx.scenario.home, 'large-credentials');
  const sections = [];
  for (let i = 0; i < profiles - 1; i++) {
    const n = String(i).padStart(4, '0');
    sections.push(`[user-${n}]\naws_access_key_id = AKIAEXAMPLE00000${n}\naws_secret_access_key = example-secret-not-real-${n}-0000000000000000\n`);
  }
  writeFileSync(path, sections.join('\n'), { mode: 0o600 });
  const session = (i) => ({
    accessKeyId: `ASIABENCH${String(i + 2).padStart(11, '0')}`,
    secretAccessKey: `bench-session-secret-${i}-${'x'.repeat(18)}`,
    sessionToken: `FwoGZXIvYXdzE${'A'.repeat(400)}${i}`,
    expiresAt: Date.now() + 3_600_000,
  });
  // The 1,000th profile: touchrole's own, written once before timing, then replaced each run.
  await updateCredentialsFile(path, (t) => upsertManagedSection(t, 'target-touchrole', session(-1)), { clock: systemClock });
  const times = [];
  let bytes = 0;
  for (let i = 0; i < ctx.runs; i++) {
    const start = process.hrtime.bigint();
    const r = await updateCredentialsFile(path, (t) => upsertManagedSection(t, 'target-touchrole', session(i)), { clock: systemClock });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!r.written) throw new Error('the update did not rewrite the file');
    bytes = statSync(path).size; // an atomic write replaces the whole file
    if ((statSync(path).mode & 0o777) !== 0o600) throw new Error('the updated file is not 0600');
  }
  return { time: summarize(times), bytes, profiles };
}
