// SPDX-License-Identifier: MIT
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeProfiles, orderedJsonStringify, parseConfigFile, parseCredentialsFile, type OrderedJson } from '../../../src-shared/aws-ini';
import { decodeAwsFile } from '../../../src-main/core/aws-config/read-aws-file';
import { oracleWriteAll, requireBotocore } from '../../support/aws-config/oracle';

// Random files built from the awkward pieces botocore's rules are about, read by our parser
// and by botocore itself: any disagreement fails. Seeded, so a failure reproduces.
const HEADERS = [
  '[default]',
  '[profile dev]',
  '[profile "a b"]',
  "[profile 'q']",
  '[profile a b]',
  '[profile]',
  '[profiles x]',
  '[profilex]',
  '[sso-session corp]',
  '[services s]',
  '[DEFAULT]',
  '[Default]',
  '[dev] ; note',
  '[a]b]',
  '  [indented]',
  '[profile dev\\ x]',
  '[profile "un]',
  '[ ]',
  '[__proto__]',
  '[123]',
  '[profile  default]',
  '\t[tab]',
  '[profile "x\\"y" ]',
  '[\u00e9t\u00e9]',
  '[]',
  '\ufeff[bom]',
];
const LINES = [
  'region = us-east-1',
  'Region=eu',
  'aws_access_key_id = AKIA1',
  'aws_secret_access_key: s3cr3t==',
  'aws_session_token = tok==',
  'aws_security_token = old',
  'k = v # not a comment',
  'k2 = a ; b',
  'x =',
  's3 =',
  '  addressing_style = path',
  '    deeper = 1',
  '\tnested = tab',
  '  no equals here',
  '# comment',
  '; comment',
  '  # indented comment',
  '',
  '   ',
  'key with space = 1',
  '= novalue',
  'novalue',
  'a:b=c',
  'url = http://h:1/?a=b',
  'K\u00c9Y = \u00fcml\u00e4ut',
  '  : colon',
  'x\u00a0= nbsp',
  'y = \u000bvt',
  '\u0085z = nel',
  'dup = 1',
  'dup = 2',
  'İ = dotted',
];
const EOLS = ['\n', '\r\n', '\r'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFile(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const eol = pick(EOLS);
  const out: string[] = [];
  const sections = 1 + Math.floor(rand() * 4);
  if (rand() < 0.1) out.push(pick(LINES));
  for (let s = 0; s < sections; s++) {
    out.push(rand() < 0.85 ? pick(HEADERS.slice(0, 20)) : pick(HEADERS));
    const n = Math.floor(rand() * 6);
    const used = new Set<string>();
    for (let i = 0; i < n; i++) {
      const l = rand() < 0.7 ? pick(LINES.slice(0, 12)) : pick(LINES);
      // Mostly distinct keys per section, so that not every file is a duplicate-key error.
      if (used.has(l) && rand() < 0.9) continue;
      used.add(l);
      out.push(l);
    }
  }
  return out.join(eol) + (rand() < 0.7 ? eol : '');
}

const plain = (v: OrderedJson): unknown => JSON.parse(orderedJsonStringify(v));
const COUNT = 400;

describe('parser agrees with botocore on random files', () => {
  const root = mkdtempSync(join(tmpdir(), 'touchrole-diff-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(`${COUNT} config and credentials files`, () => {
    requireBotocore();
    const rand = rng(20240601);
    for (let i = 0; i < COUNT; i++) {
      const dir = join(root, `case-${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'config'), randomFile(rand));
      writeFileSync(join(dir, 'credentials'), randomFile(rand));
    }
    oracleWriteAll(root);
    const mismatches: string[] = [];
    let parsed = 0;
    for (let i = 0; i < COUNT; i++) {
      const dir = join(root, `case-${i}`);
      const exp = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
        config: { ok: boolean };
        credentials: { ok: boolean };
        merged: { ok: boolean; profiles?: unknown };
      };
      const parse = <T>(file: string, fn: (t: string) => T): T | undefined => {
        try {
          return fn(decodeAwsFile(readFileSync(join(dir, file)), file === 'config' ? 'config' : 'credentials', file));
        } catch {
          return undefined;
        }
      };
      const cfg = parse('config', parseConfigFile);
      const cred = parse('credentials', parseCredentialsFile);
      const gotCfg =
        cfg === undefined
          ? { ok: false }
          : {
              ok: true,
              profiles: plain(cfg.profiles),
              sso_sessions: plain(cfg.ssoSessions),
              services: plain(cfg.services),
              other_sections: plain(cfg.otherSections),
            };
      const gotCred = cred === undefined ? { ok: false } : { ok: true, sections: plain(cred) };
      const gotMerged = cfg === undefined || cred === undefined ? { ok: false } : { ok: true, profiles: plain(mergeProfiles(cfg, cred)) };
      parsed += (exp.config.ok ? 1 : 0) + (exp.credentials.ok ? 1 : 0);
      const want = (o: { ok: boolean }): unknown => (o.ok ? o : { ok: false });
      try {
        expect(gotCfg).toEqual(want(exp.config));
        expect(gotCred).toEqual(want(exp.credentials));
        expect(gotMerged).toEqual(want(exp.merged));
      } catch (e) {
        mismatches.push(`case-${i}: ${String(e).slice(0, 400)}`);
        if (mismatches.length === 1) console.error(readFileSync(join(dir, 'config'), 'utf8'), '\n---\n', readFileSync(join(dir, 'credentials'), 'utf8'));
      }
    }
    expect(mismatches).toEqual([]);
    // The generator must exercise both outcomes, or the comparison proves little.
    expect(parsed).toBeGreaterThan(COUNT * 2 * 0.2);
    expect(parsed).toBeLessThan(COUNT * 2 * 0.8);
    console.log(`botocore parsed ${parsed} of ${COUNT * 2} files`);
  });
});
