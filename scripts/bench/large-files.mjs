// SPDX-License-Identifier: MIT
// Guards against super-linear work on big AWS files (issue 13): both once took seconds.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { summarize } from './stats.mjs';

const require = createRequire(import.meta.url);

/** e1: load a config of `profiles` chained profiles (profile i has source_profile i-1) and resolve the longest chain. */
export async function resolveChainedProfiles(ctx, profiles = 2000) {
  const { loadAwsProfiles, resolveRoleChain } = require(join(ctx.repo, 'dist/src-main/core/aws-config'));
  const config = ['[profile p0]\nregion = eu-west-1\n'];
  for (let i = 1; i < profiles; i++) config.push(`[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = p${i - 1}\n`);
  const env = { AWS_CONFIG_FILE: join(ctx.scenario.home, 'chained-config'), AWS_SHARED_CREDENTIALS_FILE: join(ctx.scenario.home, 'chained-credentials') };
  writeFileSync(env.AWS_CONFIG_FILE, config.join('\n'), { mode: 0o600 });
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, '[p0]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example-secret-not-real\n', { mode: 0o600 });
  const times = [];
  for (let i = 0; i < ctx.runs; i++) {
    const start = process.hrtime.bigint();
    const set = await loadAwsProfiles(env);
    const chain = resolveRoleChain(set.profiles, `p${profiles - 1}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (chain.roles.length !== profiles - 1) throw new Error(`the chain resolved to ${chain.roles.length} roles, not ${profiles - 1}`);
  }
  return { time: summarize(times), profiles };
}

/** e2: `touchrole clean` of `sections` expired touchrole sections in a credentials file of about 8 MB (restored before each run). */
export async function cleanLargeFile(ctx, sections = 2000) {
  const { updateCredentialsFile, upsertManagedSection } = require(join(ctx.repo, 'dist/src-main/core/aws-config'));
  const path = join(ctx.scenario.home, 'expired-credentials');
  const parts = [];
  for (let i = 0; i < sections; i++) {
    parts.push(`[user-${i}]\naws_access_key_id = AKIAEXAMPLE${i}\naws_secret_access_key = example-secret-not-real-${i}\n\n`);
    const session = { accessKeyId: `ASIABENCH${i}`, secretAccessKey: 'x'.repeat(40), sessionToken: `FwoGZXIvYXdzE${'A'.repeat(3800)}`, expiresAt: 1000 };
    parts.push(upsertManagedSection('', `s${i}-touchrole`, session), '\n');
  }
  const text = parts.join('');
  const clock = { now: () => Date.now() };
  const times = [];
  for (let i = 0; i < ctx.runs; i++) {
    writeFileSync(path, text, { mode: 0o600 });
    const start = process.hrtime.bigint();
    const r = await updateCredentialsFile(path, (t) => t, { clock });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.removedExpired.length !== sections) throw new Error(`clean removed ${r.removedExpired.length} sections, not ${sections}`);
  }
  return { time: summarize(times), sections, bytes: Buffer.byteLength(text) };
}
