// SPDX-License-Identifier: MIT
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  mergeProfiles,
  orderedJsonStringify,
  parseConfigFile,
  parseCredentialsFile,
  staticCredentials,
  type AwsConfigFile,
  type IniSections,
  type OrderedJson,
} from '../../../../src-shared/aws-ini';
import { decodeAwsFile } from '../../../../src-main/core/aws-config/read-aws-file';

// Every case of the botocore conformance corpus (test/fixtures/aws-config, a byte-exact copy).
const CORPUS = resolve(__dirname, '../../../fixtures/aws-config');
const cases = readdirSync(CORPUS)
  .filter((d) => statSync(join(CORPUS, d)).isDirectory())
  .sort();

interface Expected {
  inputs: Record<string, { bytes: number; sha256: string }>;
  config?: { ok: boolean };
  credentials?: { ok: boolean };
  merged: { ok: boolean };
  static_credentials?: Record<string, unknown>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Maps -> plain JSON values, so results compare with expected.json as maps (order ignored). */
const plain = (v: OrderedJson): unknown => JSON.parse(orderedJsonStringify(v));

function read(dir: string, name: 'config' | 'credentials'): Outcome<string> | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  return attempt(() => decodeAwsFile(readFileSync(path), name, path));
}

describe('aws-config conformance corpus (botocore 1.43)', () => {
  it('has the corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(66);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = join(CORPUS, name);
      const exp = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      for (const [file, meta] of Object.entries(exp.inputs)) {
        const bytes = readFileSync(join(dir, file));
        expect({ file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({ file, ...meta });
      }
      const cfgText = read(dir, 'config');
      const credText = read(dir, 'credentials');
      const cfg: Outcome<AwsConfigFile> | undefined = cfgText === undefined ? undefined : cfgText.ok ? attempt(() => parseConfigFile(cfgText.value)) : cfgText;
      const cred: Outcome<IniSections> | undefined =
        credText === undefined ? undefined : credText.ok ? attempt(() => parseCredentialsFile(credText.value)) : credText;

      if (exp.config !== undefined) {
        expect(cfg).toBeDefined();
        if (cfg === undefined) return;
        const got = cfg.ok
          ? {
              ok: true,
              profiles: plain(cfg.value.profiles),
              sso_sessions: plain(cfg.value.ssoSessions),
              services: plain(cfg.value.services),
              other_sections: plain(cfg.value.otherSections),
            }
          : { ok: false };
        expect(got).toEqual(exp.config.ok ? exp.config : { ok: false });
      }
      if (exp.credentials !== undefined) {
        expect(cred).toBeDefined();
        if (cred === undefined) return;
        expect(cred.ok ? { ok: true, sections: plain(cred.value) } : { ok: false }).toEqual(exp.credentials.ok ? exp.credentials : { ok: false });
      }
      const mergedOk = (cfg?.ok ?? true) && (cred?.ok ?? true);
      expect(mergedOk).toBe(exp.merged.ok);
      if (!mergedOk || !exp.merged.ok) return;
      const config = cfg?.ok ? cfg.value : undefined;
      const credentials = cred?.ok ? cred.value : undefined;
      const merged = mergeProfiles(config, credentials);
      expect({ ok: true, profiles: plain(merged) }).toEqual(exp.merged);
      const statics = new Map<string, OrderedJson>();
      for (const profile of merged.keys()) {
        const s = staticCredentials(profile, config, credentials);
        statics.set(
          profile,
          s === null
            ? null
            : s.ok
              ? { ok: true, source: s.source, access_key: s.accessKey, secret_key: s.secretKey, token: s.token }
              : { ok: false, error: s.error, source: s.source },
        );
      }
      expect(plain(statics)).toEqual(exp.static_credentials);
    });
  }
});
