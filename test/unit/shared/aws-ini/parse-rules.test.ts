// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { IniSyntaxError, orderedJsonStringify, parseConfigFile, parseIni, shlexSplit } from '../../../../src-shared/aws-ini';

// botocore's rules one by one (README of the conformance corpus), each with a variation the
// corpus does not have. Expected values were checked with oracle.py.
const read = (text: string): unknown => JSON.parse(orderedJsonStringify(parseIni(text)));
const reason = (text: string): string | undefined => {
  try {
    parseIni(text);
    return undefined;
  } catch (e) {
    if (e instanceof IniSyntaxError) return `${e.reason}@${e.line}`;
    throw e;
  }
};

describe('parseIni follows configparser + botocore', () => {
  it.each([
    ['comments are whole lines only', '[a]\nk = v # x ; y\n  ; indented comment\n', { a: { k: 'v # x ; y' } }],
    ['header runs to the last ]', '[a]b] trailing\nk=v', { 'a]b': { k: 'v' } }],
    ['keys lower-cased and stripped, values keep case', '[a]\n  KeY\t = VaLuE  \n', { a: { key: 'VaLuE' } }],
    ['first = or : splits', '[a]\nk:v=w\nx=y:z\n', { a: { k: 'v=w', x: 'y:z' } }],
    ['continuation joined with \\n across blank and comment lines', '[a]\nk = one\n\n  # c\n  two\n\nj = 3\n', { a: { k: 'one\n\ntwo', j: '3' } }],
    ['nested sub-section: only = splits, keys not lower-cased', '[a]\ns3 =\n  Addr = p:q\n  x==\n', { a: { s3: { Addr: 'p:q', x: '=' } } }],
    ['\\r, \\n and \\r\\n all break lines', '[a]\rk = 1\r\nj = 2\nl = 3', { a: { k: '1', j: '2', l: '3' } }],
    ['NBSP and \\x1c are whitespace to Python', '[a]\n\u00a0k\u001c=\u00a0v\u00a0\n', { a: { k: 'v' } }],
    ['[DEFAULT] keys appear in every section', '[DEFAULT]\nr = 1\n[a]\nk = v\n[b]\nr = 2\n', { a: { k: 'v', r: '1' }, b: { r: '2' } }],
    ['indented header after a header is still a header', '[a]\n  [b]\n  k = v\n', { a: {}, b: { k: 'v' } }],
    ['__proto__ and constructor are plain names', '[__proto__]\nconstructor = x\n', { ['__proto__']: { constructor: 'x' } }],
  ])('%s', (_rule, text, expected) => {
    expect(read(text)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it.each([
    ['duplicate section', '[a]\n[b]\n[a]\n', 'duplicate-section@3'],
    ['duplicate key after lower-casing', '[a]\nK = 1\nk = 2\n', 'duplicate-key@3'],
    ['key before any header', '\n# c\nk = v\n[a]\n', 'missing-section-header@3'],
    ['a BOM is not whitespace', '\ufeff[a]\n', 'missing-section-header@1'],
    ['line without delimiter', '[a]\nk = v\njunk\n', 'line-without-delimiter@3'],
    ['empty key', '[a]\n = v\n', 'empty-key@2'],
    ['[] is not a header', '[a]\n[]\n', 'line-without-delimiter@2'],
    ['nested line without =', '[a]\ns3 =\n  k : v\n', 'nested-line-without-equals@2'],
  ])('error: %s', (_rule, text, expected) => {
    expect(reason(text)).toBe(expected);
  });

  it('a repeated [DEFAULT] is not a duplicate section, a repeated key in it is', () => {
    expect(reason('[DEFAULT]\na=1\n[DEFAULT]\nb=2\n')).toBeUndefined();
    expect(reason('[DEFAULT]\na=1\n[DEFAULT]\na=2\n')).toBe('duplicate-key@4');
  });

  it('error messages name the line, never the value', () => {
    try {
      parseIni('[a]\naws_secret_access_key SECRETVALUE\n');
      expect.unreachable();
    } catch (e) {
      expect(String(e)).toContain('line 2');
      expect(String(e)).not.toContain('SECRETVALUE');
    }
  });
});

describe('config profile mapping', () => {
  const profiles = (text: string): string[] => [...parseConfigFile(text).profiles.keys()];

  it.each([
    ['[profile a]', ['a']],
    ['[profile\t"a b"  ]', ['a b']],
    ["[profile 'it''s']", ['its']],
    ['[profile a\\ b]', ['a b']],
    ['[profiles x]', ['x']], // the prefix test is on the raw name
    ['[profilex]', []],
    ['[profile a b]', []],
    ['[profile "open]', []],
    ['[profile]', []],
    ['[PROFILE x]', []],
  ])('%s', (header, expected) => {
    expect(profiles(`${header}\nk = v\n`)).toEqual(expected);
  });

  it('the later of [default] and [profile default] replaces the other whole', () => {
    const cfg = parseConfigFile('[profile default]\na = 1\n[default]\nb = 2\n');
    expect(cfg.profiles.get('default')).toEqual(new Map([['b', '2']]));
  });

  it('sso-session, services and other sections', () => {
    const cfg = parseConfigFile('[sso-session corp]\nx=1\n[services "s 1"]\ny=2\n[plugins]\nz=3\n[dev]\n');
    expect([...cfg.ssoSessions.keys()]).toEqual(['corp']);
    expect([...cfg.services.keys()]).toEqual(['s 1']);
    expect([...cfg.otherSections.keys()]).toEqual(['plugins', 'dev']);
  });
});

describe('shlexSplit (POSIX)', () => {
  it.each([
    ['a b', ['a', 'b']],
    ['a "" b', ['a', '', 'b']],
    ['"a\\"b" \'c\\d\'', ['a"b', 'c\\d']],
    ['"x\\y"', ['x\\y']],
    ['a\\ b', ['a b']],
    ['  ', []],
    ['"open', undefined],
    ['trailing\\', undefined],
  ])('%j', (input, expected) => {
    expect(shlexSplit(input)).toEqual(expected);
  });
});
