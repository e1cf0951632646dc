// SPDX-License-Identifier: MIT
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTouchPrompter, type TouchInfo, type TouchPrompter } from '../../../../src-main/core/prompt';
import { touchBody, touchMessage } from '../../../../src-main/core/prompt/touch-message';
import { recordingPrompter } from '../../../support/recording-prompter';

const INFO: TouchInfo = { credential: 'arn:aws:iam::123456789012:mfa/alice', purpose: 'elevate to prod-admin' };

describe('touch messages', () => {
  it('names the purpose, the credential and the device', () => {
    expect(touchMessage(INFO)).toBe('Touch your YubiKey to elevate to prod-admin [arn:aws:iam::123456789012:mfa/alice]');
    expect(touchMessage({ ...INFO, device: 'serial 42' })).toBe(
      'Touch your YubiKey (serial 42) to elevate to prod-admin [arn:aws:iam::123456789012:mfa/alice]',
    );
    expect(touchBody(INFO)).toBe('To elevate to prod-admin: arn:aws:iam::123456789012:mfa/alice');
  });

  it('neutralises terminal control characters from credential names', () => {
    expect(touchMessage({ ...INFO, credential: 'evil\u001b]0;x\u0007' })).toContain('[evil?]0;x?]');
  });
});

describe('createTouchPrompter', () => {
  it('hands every prompt to the delegate when one is given, even with a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-tty-'));
    const tty = join(dir, 'tty');
    writeFileSync(tty, '');
    const delegate = recordingPrompter();
    const p = createTouchPrompter({ env: {}, platform: 'linux', delegate, ttyPath: tty });
    await p.waiting(INFO);
    await p.done();
    await p.waiting(INFO);
    await p.timedOut();
    expect(delegate.events).toEqual([`waiting ${INFO.credential}`, 'done', `waiting ${INFO.credential}`, 'timedOut']);
    expect(readFileSync(tty, 'utf8')).toBe('');
  });

  it('writes to the terminal and finishes the line on done / timedOut', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-tty-'));
    const tty = join(dir, 'tty'); // a file stands in for /dev/tty here; the pty test uses a real one
    writeFileSync(tty, '');
    const p = createTouchPrompter({ env: {}, platform: 'linux', ttyPath: tty });
    await p.waiting(INFO);
    await p.done();
    await p.waiting({ ...INFO, device: 'serial 7' });
    await p.timedOut();
    expect(readFileSync(tty, 'utf8')).toBe(
      `touchrole: ${touchMessage(INFO)}... ok\ntouchrole: ${touchMessage({ ...INFO, device: 'serial 7' })}... timed out\n`,
    );
  });

  it('closes a prompt left open when a new one starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-tty-'));
    const tty = join(dir, 'tty');
    writeFileSync(tty, '');
    const p = createTouchPrompter({ env: {}, platform: 'linux', ttyPath: tty });
    const first = p.waiting(INFO);
    const second = p.waiting(INFO);
    await p.done();
    await Promise.all([first, second]);
    expect(readFileSync(tty, 'utf8').split('\n')).toEqual([`touchrole: ${touchMessage(INFO)}... ok`, `touchrole: ${touchMessage(INFO)}... ok`, '']);
  });

  it('never rejects, whatever the channel does', async () => {
    const failing: TouchPrompter = {
      waiting: () => Promise.reject(new Error('boom')),
      done: () => Promise.reject(new Error('boom')),
      timedOut: () => Promise.reject(new Error('boom')),
    };
    const p = createTouchPrompter({ env: {}, platform: 'linux', delegate: failing });
    await expect(p.waiting(INFO)).resolves.toBeUndefined();
    await expect(p.done()).resolves.toBeUndefined();
    await expect(p.timedOut()).resolves.toBeUndefined();
  });

  it('done without a prompt is harmless', async () => {
    const p = createTouchPrompter({ env: {}, platform: 'win32' });
    await expect(p.done()).resolves.toBeUndefined();
  });
});
