// SPDX-License-Identifier: MIT
// Timing of child processes and the summary statistics the table prints.
import { spawn } from 'node:child_process';

/** Runs a command to completion; resolves with its wall time in ms and output. Rejects on a non-zero exit. */
export function timed(cmd, args, env, cwd) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code === 0) resolve({ ms, stdout, stderr });
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${stderr.trim() || stdout.trim()}`));
    });
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted, p) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: percentile(s, 50), p10: percentile(s, 10), p90: percentile(s, 90), min: s[0], max: s[s.length - 1] };
}

export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

export function fmtStats(st) {
  return `${fmtMs(st.median)} ms (p10 ${fmtMs(st.p10)}, p90 ${fmtMs(st.p90)})`;
}
