// SPDX-License-Identifier: MIT
// scripts/electron-lint.mjs: its CSV reading and the rule (severity >= medium with confidence
// certain or firm fails), then the real electronegativity over the tree, offline.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  filename: string;
  sample: string;
}
interface Lint {
  parseCsv(text: string): string[][];
  findings(csv: string): { all: Finding[]; failing: Finding[] };
  runElectronegativity(input?: string): string;
  electronVersion(): string;
}

const ROOT = resolve(__dirname, '../../..');
const lint = (): Promise<Lint> => import(pathToFileURL(join(ROOT, 'scripts/electron-lint.mjs')).href) as Promise<Lint>;
const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n';

describe('electron lint', () => {
  it('reads quoted CSV fields with commas, quotes and newlines', async () => {
    const { parseCsv } = await lint();
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\nd,,e\n')).toEqual([
      ['a', 'b, c', 'say "hi"\nthere'],
      ['d', '', 'e'],
    ]);
  });

  it('fails medium and above with confidence certain or firm, and only those', async () => {
    const { findings } = await lint();
    const row = (issue: string, severity: string, confidence: string): string => `${issue},"${severity}","${confidence}","f.ts","1:0","x, y","d",u\n`;
    const csv =
      HEADER +
      row('A', 'LOW', 'CERTAIN') +
      row('B', 'MEDIUM', 'TENTATIVE') +
      row('C', 'MEDIUM', 'FIRM') +
      row('D', 'HIGH', 'CERTAIN') +
      row('E', 'INFORMATIONAL', 'FIRM');
    const { all, failing } = findings(csv);
    expect(all.map((f) => f.issue)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(failing.map((f) => f.issue)).toEqual(['C', 'D']);
    expect(() => findings('')).toThrow(/no CSV header/);
  });

  it("uses the project's Electron version", async () => {
    const { electronVersion } = await lint();
    expect(electronVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('catches a real finding in an app that lacks our hardening (the check can fail)', async () => {
    const { runElectronegativity, findings } = await lint();
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-electronegativity-bad-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bad', main: 'main.js', devDependencies: { electron: '45.4.1' } }));
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
    );
    const { failing } = findings(runElectronegativity(dir));
    expect(failing.map((f) => f.issue)).toEqual(
      expect.arrayContaining(['PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'SANDBOX_JS_CHECK']),
    );
  }, 60_000);

  it('passes on our app: no finding of severity >= medium with confidence certain or firm', async () => {
    const { runElectronegativity, findings } = await lint();
    // The app's own sources, as in the packaged app (the tree minus node_modules, dist and tests).
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-electronegativity-app-'));
    for (const part of ['package.json', 'src-main', 'src-renderer', 'src-shared']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    const { failing } = findings(runElectronegativity(dir));
    expect(failing).toEqual([]);
  }, 60_000);
});
