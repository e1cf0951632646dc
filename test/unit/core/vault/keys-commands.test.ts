// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { KeysCommands, type CredentialsFileAccess } from '../../../../src-main/core/vault/keys-commands';
import { SourceKeyStore } from '../../../../src-main/core/vault/source-key-store';
import { ManualClock } from '../../../../src-shared/time/clock';
import { FakeKeychain } from '../../../support/fake-keychain';

const AKID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** A deliberately simple line-based credentials file, standing in for core/aws-config. */
function memoryCredentials(initial: string | undefined) {
  const file = { text: initial, writes: 0, beforeWrite: undefined as ((t: string) => string) | undefined };
  const sectionLines = (lines: string[], section: string): [number, number] | undefined => {
    const start = lines.findIndex((l) => l.trim() === `[${section}]`);
    if (start < 0) return undefined;
    let end = start + 1;
    while (end < lines.length && !(lines[end] ?? '').trim().startsWith('[')) end++;
    return [start, end];
  };
  const access: CredentialsFileAccess = {
    path: '/home/u/.aws/credentials',
    read: async () => file.text,
    readSection(text, section) {
      const lines = text.split('\n');
      const range = sectionLines(lines, section);
      if (!range) return undefined;
      const out: Record<string, string> = {};
      for (const line of lines.slice(range[0] + 1, range[1])) {
        const m = /^\s*([\w-]+)\s*=\s*(.*?)\s*$/.exec(line);
        if (m?.[1] !== undefined && m[2] !== undefined) out[m[1]] = m[2];
      }
      return out;
    },
    removeKeys(text, section, keys) {
      const lines = text.split('\n');
      const range = sectionLines(lines, section);
      if (!range) return text;
      return lines.filter((l, i) => !(i > range[0] && i < range[1] && keys.some((k) => new RegExp(`^\\s*${k}\\s*=`).test(l)))).join('\n');
    },
    async updateCredentialsFile(_path, edit) {
      const current = file.beforeWrite ? file.beforeWrite(file.text ?? '') : (file.text ?? '');
      const next = edit(current);
      file.text = next;
      file.writes += 1;
    },
  };
  return { file, access };
}

function setup(text: string | undefined) {
  const keychain = new FakeKeychain();
  const store = new SourceKeyStore(keychain, new ManualClock(Date.UTC(2024, 0, 1)));
  const creds = memoryCredentials(text);
  return { keychain, store, creds, keys: new KeysCommands({ store, credentials: creds.access }) };
}

const FILE =
  '# my keys\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = othersecret\n\n' +
  `[dev]\nregion = eu-west-1\naws_access_key_id = ${AKID}\naws_secret_access_key = ${SECRET}\naws_session_token = stale\n`;

describe('KeysCommands.import', () => {
  it('stores the keys, verifies them, then removes the key lines and only those', async () => {
    const { keys, store, creds } = setup(FILE);
    const result = await keys.import('dev');
    expect(result).toEqual({
      profile: 'dev',
      accessKeyId: AKID,
      path: creds.access.path,
      removedKeys: ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'],
    });
    expect(await store.get('dev')).toMatchObject({ accessKeyId: AKID, secretAccessKey: SECRET });
    expect(creds.file.text).toBe(
      `# my keys\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = othersecret\n\n[dev]\nregion = eu-west-1\n`,
    );
  });

  it('leaves the file untouched when the keychain does not read back what was stored', async () => {
    const { keys, keychain, creds } = setup(FILE);
    keychain.corruptOnSet = true;
    await expect(keys.import('dev')).rejects.toMatchObject({ code: 'keychain-entry-invalid' });
    expect(creds.file.text).toBe(FILE);
    expect(creds.file.writes).toBe(0);
  });

  it('leaves the file untouched when the keychain is locked', async () => {
    const { keys, keychain, creds } = setup(FILE);
    keychain.locked = true;
    await expect(keys.import('dev')).rejects.toMatchObject({ code: 'keychain-locked' });
    expect(creds.file.text).toBe(FILE);
  });

  it('leaves the file untouched when storing fails', async () => {
    const { keys, keychain, creds } = setup(FILE);
    keychain.failSetWith = new Error('disk full');
    await expect(keys.import('dev')).rejects.toThrow('disk full');
    expect(creds.file.writes).toBe(0);
  });

  it('removes nothing when the keys changed in the file between reading and writing', async () => {
    const { keys, creds } = setup(FILE);
    creds.file.beforeWrite = (t) => t.replace(SECRET, 'rotatedsecret');
    await expect(keys.import('dev')).rejects.toMatchObject({ code: 'file-write-failed' });
    expect(creds.file.text).toBe(FILE);
  });

  it('fails clearly for a missing file, a missing profile, and a profile without keys', async () => {
    await expect(setup(undefined).keys.import('dev')).rejects.toMatchObject({ code: 'profile-not-found' });
    await expect(setup(FILE).keys.import('prod')).rejects.toMatchObject({ code: 'profile-not-found' });
    await expect(setup('[dev]\nregion = x\n').keys.import('dev')).rejects.toMatchObject({ code: 'keys-not-found' });
  });

  it('refuses temporary keys', async () => {
    const text = FILE.replace(AKID, 'ASIAIOSFODNN7EXAMPLE');
    const { keys, creds } = setup(text);
    await expect(keys.import('dev')).rejects.toMatchObject({ code: 'usage' });
    expect(creds.file.text).toBe(text);
  });

  it('refuses to overwrite different keys already in the keychain unless replace', async () => {
    const { keys, store, creds } = setup(FILE);
    await store.set('dev', { accessKeyId: 'AKIAOLDOLDOLDOLDOLD1', secretAccessKey: 'old' });
    const error = await keys.import('dev').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'usage' });
    expect((error as Error).message).not.toContain(SECRET);
    expect(creds.file.text).toBe(FILE);
    await keys.import('dev', { replace: true });
    expect((await store.get('dev'))?.accessKeyId).toBe(AKID);
  });

  it('can be re-run after a crash that left the keys in both places', async () => {
    const { keys, store, creds } = setup(FILE);
    await store.set('dev', { accessKeyId: AKID, secretAccessKey: SECRET });
    await keys.import('dev');
    expect(creds.file.text).not.toContain(SECRET);
  });
});

describe('KeysCommands add/list/remove', () => {
  it('adds, lists without secrets, and removes', async () => {
    const { keys } = setup(undefined);
    expect(await keys.add('dev', { accessKeyId: AKID, secretAccessKey: SECRET })).toEqual({
      profile: 'dev',
      accessKeyId: AKID,
      importedAt: '2024-01-01T00:00:00.000Z',
    });
    const list = await keys.list();
    expect(list).toEqual([{ profile: 'dev', accessKeyId: AKID, importedAt: '2024-01-01T00:00:00.000Z' }]);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    await keys.remove('dev');
    expect(await keys.list()).toEqual([]);
    await expect(keys.remove('dev')).rejects.toMatchObject({ code: 'keys-not-found' });
  });

  it('verifies what it stored', async () => {
    const { keys, keychain } = setup(undefined);
    keychain.corruptOnSet = true;
    await expect(keys.add('dev', { accessKeyId: AKID, secretAccessKey: SECRET })).rejects.toMatchObject({ code: 'keychain-entry-invalid' });
  });

  it.each([
    ['a lower-case key id', { accessKeyId: 'akiaiosfodnn7example', secretAccessKey: SECRET }],
    ['a short key id', { accessKeyId: 'AKIA1', secretAccessKey: SECRET }],
    ['a temporary key', { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET }],
    ['an empty secret', { accessKeyId: AKID, secretAccessKey: '' }],
    ['a secret with a space', { accessKeyId: AKID, secretAccessKey: 'abc def' }],
  ])('rejects %s as a usage error without echoing the secret', async (_name, pair) => {
    const error = await setup(undefined)
      .keys.add('dev', pair)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'usage' });
    if (pair.secretAccessKey !== '') expect((error as Error).message).not.toContain(pair.secretAccessKey);
  });

  it.each(['', ' ', 'a]b', 'a\nb'])('rejects the profile name %j', async (profile) => {
    await expect(setup(undefined).keys.add(profile, { accessKeyId: AKID, secretAccessKey: SECRET })).rejects.toMatchObject({ code: 'usage' });
  });
});
