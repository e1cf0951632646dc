// SPDX-License-Identifier: MIT
// The Electron security lint: @doyensec/electronegativity over the whole tree (it skips
// node_modules itself), assuming the project's Electron version, fails on any finding of severity
// medium or higher with confidence certain or firm. Offline it waits ~1 s for translations and
// release data, then goes on with its bundled ones. Run by scripts/test.sh; by hand:
// `node scripts/electron-lint.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEVERE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const SURE = new Set(['CERTAIN', 'FIRM']);

/** Parses electronegativity's CSV (RFC 4180 quoting: "" inside quoted fields). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      (row.push(field), rows.push(row), (row = []), (field = ''));
    } else field += c;
  }
  if (field !== '' || row.length > 0) (row.push(field), rows.push(row));
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** The findings of the CSV as objects, and those that fail the build. */
export function findings(csv) {
  const [header, ...rows] = parseCsv(csv);
  if (header === undefined || header[0]?.trim() !== 'issue') throw new Error('electronegativity wrote no CSV header: did it run?');
  const names = header.map((h) => h.trim());
  const all = rows.map((r) => Object.fromEntries(names.map((n, i) => [n, (r[i] ?? '').trim()])));
  const failing = all.filter((f) => SEVERE.has(f.severity.toUpperCase()) && SURE.has(f.confidence.toUpperCase()));
  return { all, failing };
}

export function electronVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
}

/** Runs electronegativity over `input`; returns the CSV it wrote. */
export function runElectronegativity(input = ROOT) {
  const dir = mkdtempSync(join(tmpdir(), 'touchrole-electronegativity-'));
  const out = join(dir, 'findings.csv');
  try {
    const bin = join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
    const orderedWrites = join(ROOT, 'scripts', 'electronegativity-ordered-writes.cjs');
    const args = ['--require', orderedWrites, bin, '-i', input, '-r', '-v', 'false', '-e', electronVersion(), '-o', out];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`electronegativity exited with ${run.status}:\n${run.stdout}\n${run.stderr}`);
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { all, failing } = findings(runElectronegativity(process.argv[2] ?? ROOT));
  for (const f of all) console.log(`${failing.includes(f) ? 'FAIL' : 'info'} ${f.issue} ${f.severity}/${f.confidence} ${f.filename}:${f.location} ${f.sample}`);
  if (failing.length > 0) {
    console.error(`electron-lint: ${failing.length} finding(s) of severity >= medium with confidence certain or firm (see above)`);
    process.exit(1);
  }
  console.log(`electron-lint: ok (Electron ${electronVersion()}, ${all.length} lower-grade finding(s))`);
}
