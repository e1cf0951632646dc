// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import {
  managedSections,
  parseCredentialsFile,
  removeExpiredManagedSections,
  removeKeys,
  removeManagedSection,
  upsertManagedSection,
  type ManagedSession,
} from '../../../../src-shared/aws-ini';
import { TouchroleError } from '../../../../src-shared/errors';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const session = (n: number, expiresAt = T0 + 3_600_000): ManagedSession => ({
  accessKeyId: `ASIAEXAMPLE${n}`,
  secretAccessKey: `secret/${n}+abc`,
  sessionToken: `IQoJb3JpZ2luX2VjE${n}//token==`,
  expiresAt,
});

// Files a user might have: every one must come back byte for byte after add + remove.
const ORIGINALS: Record<string, string> = {
  empty: '',
  lf: '# my keys\n[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s1\n',
  crlf: '[default]\r\naws_access_key_id = AKIA1\r\naws_secret_access_key = s1\r\n\r\n; prod\r\n[prod]\r\nregion = x\r\n',
  cr: '[default]\raws_access_key_id = AKIA1\r',
  noFinalNewline: '[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s1',
  trailingBlank: '[default]\nregion = eu-west-1\n\n\n',
  bom: '\ufeff# bom\n[default]\nregion = x\n',
  unicode: '# clé für 資格\n[déjà-vu]\nregion = ünïcode  \n',
  commentsOnly: '# nothing yet\n;\n',
  trailingSpaces: '[a]  \n  k = v \t\n',
};

describe('credentials editor: bytes outside touchrole sections never change', () => {
  for (const [label, original] of Object.entries(ORIGINALS)) {
    it(`${label}: upsert then remove gives the original back`, () => {
      const added = upsertManagedSection(original, 'dev-touchrole', session(1));
      expect(added.startsWith(original)).toBe(true);
      expect(managedSections(added)).toEqual([{ name: 'dev-touchrole', expiresAt: T0 + 3_600_000 }]);
      expect(removeManagedSection(added, 'dev-touchrole')).toBe(original);
    });

    it(`${label}: replacing a section in place changes only its lines`, () => {
      const once = upsertManagedSection(original, 'dev-touchrole', session(1));
      const twice = upsertManagedSection(upsertManagedSection(once, 'b-touchrole', session(2)), 'dev-touchrole', session(3));
      expect(removeManagedSection(removeManagedSection(twice, 'b-touchrole'), 'dev-touchrole')).toBe(original);
      expect(twice).toContain('ASIAEXAMPLE3');
      expect(twice).not.toContain('ASIAEXAMPLE1');
    });
  }

  it('uses the line break of the file and keeps a missing final newline', () => {
    const crlf = upsertManagedSection(ORIGINALS['crlf'] ?? '', 'x', session(1));
    expect(crlf.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const noFinal = upsertManagedSection(ORIGINALS['noFinalNewline'] ?? '', 'x', session(1));
    expect(noFinal.endsWith('\n')).toBe(false);
  });

  it('writes what botocore reads: aws_session_token, tokens ending in == verbatim', () => {
    const text = upsertManagedSection(ORIGINALS['lf'] ?? '', 'dev-touchrole', session(7));
    const section = parseCredentialsFile(text).get('dev-touchrole');
    expect(section).toEqual(
      new Map([
        ['aws_access_key_id', 'ASIAEXAMPLE7'],
        ['aws_secret_access_key', 'secret/7+abc'],
        ['aws_session_token', 'IQoJb3JpZ2luX2VjE7//token=='],
      ]),
    );
    expect(text).not.toContain('aws_security_token');
  });

  it('replacing a section drops any stale aws_security_token inside it', () => {
    const text = upsertManagedSection('', 's', session(1)).replace('aws_session_token', 'aws_security_token = stale\naws_session_token');
    expect(
      parseCredentialsFile(upsertManagedSection(text, 's', session(2)))
        .get('s')
        ?.has('aws_security_token'),
    ).toBe(false);
  });

  it('never modifies or removes a section touchrole did not write', () => {
    const text = '[dev-touchrole]\naws_access_key_id = MINE\n';
    expect(() => upsertManagedSection(text, 'dev-touchrole', session(1))).toThrow(TouchroleError);
    expect(() => removeManagedSection(text, 'dev-touchrole')).toThrow(/did not write/);
    expect(removeExpiredManagedSections(text, T0 * 2)).toEqual({ text, removed: [] });
  });

  it('refuses names and values that would not read back', () => {
    for (const name of ['', 'DEFAULT', 'a\nb', 'a\rb', ' lead', 'x\u0085y']) {
      expect(() => upsertManagedSection('', name, session(1)), JSON.stringify(name)).toThrow(TouchroleError);
    }
    expect(() => upsertManagedSection('', 'ok', { ...session(1), sessionToken: 'two words' })).toThrow(/unexpected characters/);
    expect(() => upsertManagedSection('', 'ok', { ...session(1), expiresAt: NaN })).toThrow(TouchroleError);
  });
});

describe('expired managed sections', () => {
  it('are found by their marker and removed, fresh ones kept', () => {
    let text = ORIGINALS['crlf'] ?? '';
    text = upsertManagedSection(text, 'old-touchrole', session(1, T0 - 1));
    text = upsertManagedSection(text, 'new-touchrole', session(2, T0 + 60_000));
    text = upsertManagedSection(text, 'edge-touchrole', session(3, T0));
    const { text: cleaned, removed } = removeExpiredManagedSections(text, T0);
    expect(removed).toEqual(['old-touchrole', 'edge-touchrole']);
    expect(managedSections(cleaned).map((s) => s.name)).toEqual(['new-touchrole']);
    expect(removeManagedSection(cleaned, 'new-touchrole')).toBe(ORIGINALS['crlf']);
  });

  it('a damaged expiry keeps the section managed but never expired', () => {
    const text = upsertManagedSection('', 's', session(1)).replace(/expires \S+;/, 'expires soon;');
    expect(managedSections(text)).toEqual([{ name: 's', expiresAt: NaN }]);
    expect(removeExpiredManagedSections(text, Number.MAX_SAFE_INTEGER).removed).toEqual([]);
  });

  it('`touchrole clean` (unreadableExpiry) removes a damaged one too, and the user bytes stay', () => {
    const user = '[user]\nregion = x\n';
    let text = upsertManagedSection(user, 'bad-touchrole', session(1)).replace(/expires \S+;/, 'expires soon;');
    text = upsertManagedSection(text, 'old-touchrole', session(2, T0 - 1));
    expect(removeExpiredManagedSections(text, T0, { unreadableExpiry: true })).toEqual({ text: user, removed: ['bad-touchrole', 'old-touchrole'] });
  });

  it('removes adjacent sections in one pass, the last one with or without a final newline', () => {
    const three = ['a', 'b', 'c'].reduce((t, n, i) => upsertManagedSection(t, n, session(i, T0 - 1)), '[user]\r\nk = v\r\n');
    expect(removeExpiredManagedSections(three, T0)).toEqual({ text: '[user]\r\nk = v\r\n', removed: ['a', 'b', 'c'] });
    expect(removeExpiredManagedSections(three.replace(/\r\n$/, ''), T0).text).toBe('[user]\r\nk = v\r\n');
    const kept = upsertManagedSection(three, 'd', session(9, T0 + 1)).replace(/\r\n$/, '');
    expect(removeExpiredManagedSections(kept, T0).text).toBe(
      removeManagedSection(
        ['a', 'b', 'c'].reduce((t, n) => removeManagedSection(t, n), kept),
        'x',
      ),
    );
  });

  it('a marker that is not right under the header does not make a section managed', () => {
    const text = upsertManagedSection('', 's', session(1)).replace(/\n(# managed[^\n]*)\n(aws_access_key_id[^\n]*)\n/, '\n$2\n$1\n');
    expect(managedSections(text)).toEqual([]);
  });
});

describe('removeKeys (keys import)', () => {
  it('removes the keys and their continuation lines, keeping everything else', () => {
    const text =
      '# top\r\n[dev]\r\nAWS_ACCESS_KEY_ID = AKIA\r\n# note\r\nregion = x\r\naws_secret_access_key = s\r\n   continued\r\n' +
      '[other]\r\naws_access_key_id = keep\r\n';
    const out = removeKeys(text, 'dev', ['aws_access_key_id', 'aws_secret_access_key']);
    expect(out).toBe('# top\r\n[dev]\r\n# note\r\nregion = x\r\n[other]\r\naws_access_key_id = keep\r\n');
  });

  it('keeps a last line without newline', () => {
    expect(removeKeys('[dev]\nregion = x\nsecret = s', 'dev', ['secret'])).toBe('[dev]\nregion = x');
    expect(removeKeys('[dev]\nsecret = s', 'dev', ['SECRET'])).toBe('[dev]');
  });

  it('leaves the text alone when the section or keys are absent', () => {
    expect(removeKeys('[a]\nk = v\n', 'b', ['k'])).toBe('[a]\nk = v\n');
    expect(removeKeys('[a]\nk = v\n', 'a', ['z'])).toBe('[a]\nk = v\n');
  });
});
