// SPDX-License-Identifier: MIT
// Run as a child process by the prompt integration tests, with stdout/stderr redirected to files.
//   touch [ttyPath]  : waiting() then done(), like an elevation would
//   timeout          : waiting() then timedOut()
//   secret <outFile> : readSecret from stdin, writes its length and value to outFile
import { writeFileSync } from 'node:fs';
import { createTouchPrompter, readSecret } from '../../../src-main/core/prompt';

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === 'secret') {
    if (arg === undefined) throw new Error('secret needs an output file');
    const secret = await readSecret({ stdin: process.stdin, output: process.stderr, prompt: 'Secret access key: ', what: 'secret access key' });
    writeFileSync(arg, JSON.stringify({ length: secret.length, secret }));
    return;
  }
  const prompter = createTouchPrompter({
    env: process.env,
    platform: process.platform,
    notifyTimeoutMs: Number(process.env['PROMPT_NOTIFY_TIMEOUT_MS'] ?? 5_000),
    ...(arg === undefined ? {} : { ttyPath: arg }),
  });
  const started = Date.now();
  await prompter.waiting({ device: 'serial 1234567', credential: 'arn:aws:iam::123456789012:mfa/alice', purpose: 'elevate to prod-admin' });
  if (mode === 'timeout') await prompter.timedOut();
  else await prompter.done();
  process.stdout.write(`child finished in ${Date.now() - started} ms\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`prompt-child failed: ${String(e)}\n`);
  process.exit(70);
});
