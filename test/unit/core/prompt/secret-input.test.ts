// SPDX-License-Identifier: MIT
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecret, type SecretSource } from '../../../../src-main/core/prompt';

const collect = () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  return { out, text: () => text };
};

/** A stdin that claims to be a terminal and records raw-mode switches. */
function fakeTty(): SecretSource & PassThrough & { modes: boolean[] } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (m: boolean) => void; modes: boolean[] };
  s.isTTY = true;
  s.modes = [];
  s.setRawMode = (m) => void s.modes.push(m);
  return s;
}

describe('readSecret from a pipe', () => {
  it.each([
    ['s3cret\n', 's3cret'],
    ['s3cret', 's3cret'],
    ['s3cret\r\nsecond line\n', 's3cret'],
  ])('reads the first line of %j', async (input, expected) => {
    const stdin = new PassThrough();
    stdin.end(input);
    const { out, text } = collect();
    expect(await readSecret({ stdin, output: out, prompt: 'Secret: ', what: 'secret access key' })).toBe(expected);
    expect(text()).toBe(''); // no prompt for piped input
  });

  it('reads successive lines of the same stream on successive calls', async () => {
    const stdin = new PassThrough();
    const opts = { stdin, output: new PassThrough(), prompt: '', what: 'secret' };
    stdin.write('AKIAIOSFODNN7EXAMPLE\nsec');
    const first = await readSecret(opts);
    stdin.end('ret\n');
    expect([first, await readSecret(opts)]).toEqual(['AKIAIOSFODNN7EXAMPLE', 'secret']);
    await expect(readSecret(opts)).rejects.toMatchObject({ code: 'usage' });
  });

  it('fails with a usage error on empty input', async () => {
    const stdin = new PassThrough();
    stdin.end('');
    await expect(readSecret({ stdin, output: new PassThrough(), prompt: '', what: 'secret access key' })).rejects.toMatchObject({
      code: 'usage',
      message: 'No secret access key given',
    });
  });
});

describe('readSecret from a terminal', () => {
  it('prompts, reads in raw mode without echo, handles backspace, restores the mode', async () => {
    const stdin = fakeTty();
    const { out, text } = collect();
    const secret = readSecret({ stdin, output: out, prompt: 'Secret: ', what: 'secret' });
    stdin.write('abX');
    stdin.write('\u007fc\r');
    expect(await secret).toBe('abc');
    expect(stdin.modes).toEqual([true, false]);
    expect(text()).toBe('Secret: \n');
  });

  it('cancels on Ctrl-C and restores the mode', async () => {
    const stdin = fakeTty();
    const secret = readSecret({ stdin, output: new PassThrough(), prompt: '', what: 'secret' });
    stdin.write('ab\u0003');
    await expect(secret).rejects.toMatchObject({ code: 'cancelled' });
    expect(stdin.modes).toEqual([true, false]);
  });
});
