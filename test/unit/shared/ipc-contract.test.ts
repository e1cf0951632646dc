// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, IPC_EVENT_CHANNELS, IPC_EVENTS, IPC_METHODS, isIpcMethod, validateIpcRequest, type IpcMethod } from '../../../src-shared/ipc-contract';

const TEXT = 'must be a non-empty string of at most 256 characters';
const KEY_ID = 'must be 16 to 128 upper-case letters and digits starting with AKIA or ASIA';
const SECRET = 'must be a non-empty string of at most 1024 characters without whitespace';
const SETTINGS = { warnMinutes: [10, 2], defaultDurationSeconds: 3600, startAtLogin: false, profileSuffix: '-touchrole' };

describe('ipc contract', () => {
  it('has one distinct, namespaced channel per method and per event', () => {
    const channels = [...Object.values(IPC_CHANNELS), ...Object.values(IPC_EVENT_CHANNELS)];
    expect(new Set(channels).size).toBe(channels.length);
    for (const c of channels) expect(c).toMatch(/^touchrole:[a-z.-]+$/);
    expect(IPC_METHODS).toEqual([
      'sessionsList',
      'elevate',
      'renew',
      'end',
      'profilesList',
      'yubikeyStatus',
      'unlock',
      'settingsGet',
      'settingsSet',
      'rotationReminders',
      'keyAges',
      'rotateKey',
      'finishRotation',
      'registerMfaDevice',
      'unregisterMfaDevice',
      'sourceKeys',
      'addSourceKey',
      'importSourceKey',
      'removeSourceKey',
      'yubikeyCode',
      'whoami',
      'clean',
      'decodeMessage',
    ]);
    expect(IPC_EVENTS).toEqual(['sessionsChanged', 'touchPrompt', 'yubikeyChanged', 'showView']);
  });

  it('knows its methods and nothing inherited', () => {
    expect(isIpcMethod('elevate')).toBe(true);
    expect(isIpcMethod('toString')).toBe(false);
    expect(isIpcMethod('__proto__')).toBe(false);
  });

  const accepted: [IpcMethod, unknown][] = [
    ['sessionsList', undefined],
    ['elevate', { profile: 'admin', durationSeconds: 3600 }],
    ['elevate', { profile: 'prod readonly', durationSeconds: 900 }],
    ['elevate', { profile: 'x', durationSeconds: 129_600 }],
    ['renew', { profile: 'admin' }],
    ['end', { profile: 'admin' }],
    ['unlock', { password: 'pw' }],
    ['unlock', { password: 'pw', deviceId: 'c4f1e2a9' }],
    ['settingsSet', SETTINGS],
    ['settingsSet', { ...SETTINGS, warnMinutes: [30] }],
    ['rotationReminders', undefined],
    ['keyAges', undefined],
    ['rotateKey', { profile: 'work' }],
    ['finishRotation', { profile: 'work' }],
    ['registerMfaDevice', { profile: 'lab account' }],
    ['unregisterMfaDevice', { profile: 'work' }],
    ['sourceKeys', undefined],
    ['addSourceKey', { profile: 'work', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY', replace: false }],
    ['addSourceKey', { profile: 'lab account', accessKeyId: `AKIA${'Z9'.repeat(62)}`, secretAccessKey: 'x'.repeat(1024), replace: true }],
    ['importSourceKey', { profile: 'default', replace: false }],
    ['removeSourceKey', { profile: 'old-work' }],
  ];
  it.each(accepted)('accepts %s %j', (method, payload) => {
    expect(validateIpcRequest(method, payload)).toEqual({ ok: true, value: payload });
  });

  const rejected: [IpcMethod, unknown, string][] = [
    ['sessionsList', {}, 'sessionsList: takes no argument'],
    ['profilesList', 'x', 'profilesList: takes no argument'],
    ['elevate', undefined, 'elevate: argument must be an object'],
    ['elevate', [], 'elevate: argument must be an object'],
    ['elevate', null, 'elevate: argument must be an object'],
    ['elevate', { profile: 'admin' }, 'elevate: durationSeconds must be whole seconds from 900 to 129600'],
    ['elevate', { profile: 'admin', durationSeconds: 899 }, 'elevate: durationSeconds must be whole seconds from 900 to 129600'],
    ['elevate', { profile: 'admin', durationSeconds: 3600.5 }, 'elevate: durationSeconds must be whole seconds from 900 to 129600'],
    ['elevate', { profile: 'admin', durationSeconds: '3600' }, 'elevate: durationSeconds must be whole seconds from 900 to 129600'],
    ['elevate', { profile: '', durationSeconds: 3600 }, 'elevate: profile must be a non-empty string of at most 256 characters'],
    ['elevate', { profile: 'a\nb', durationSeconds: 3600 }, 'elevate: profile must not contain control characters'],
    ['elevate', { profile: 'a'.repeat(257), durationSeconds: 3600 }, 'elevate: profile must be a non-empty string of at most 256 characters'],
    ['elevate', { profile: 'admin', durationSeconds: 3600, roleArn: 'x' }, 'elevate: unexpected field "roleArn"'],
    ['renew', { profile: 7 }, 'renew: profile must be a non-empty string of at most 256 characters'],
    ['end', {}, 'end: profile must be a non-empty string of at most 256 characters'],
    ['keyAges', { profile: 'work' }, 'keyAges: takes no argument'],
    ['rotateKey', undefined, 'rotateKey: argument must be an object'],
    ['rotateKey', { profile: 'work', deleteOld: true }, 'rotateKey: unexpected field "deleteOld"'],
    ['finishRotation', { profile: 'work', now: true }, 'finishRotation: unexpected field "now"'],
    ['registerMfaDevice', { profile: 'a\u0000b' }, 'registerMfaDevice: profile must not contain control characters'],
    ['registerMfaDevice', { profile: 'work', touch: false }, 'registerMfaDevice: unexpected field "touch"'],
    ['unregisterMfaDevice', { profile: '' }, 'unregisterMfaDevice: profile must be a non-empty string of at most 256 characters'],
    ['sourceKeys', { profile: 'work' }, 'sourceKeys: takes no argument'],
    ['addSourceKey', { profile: 'work', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's3cret' }, 'addSourceKey: replace must be true or false'],
    ['addSourceKey', { profile: '', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's', replace: false }, `addSourceKey: profile ${TEXT}`],
    ['addSourceKey', { profile: 'w', accessKeyId: 'AKIA123', secretAccessKey: 's', replace: false }, `addSourceKey: accessKeyId ${KEY_ID}`],
    ['addSourceKey', { profile: 'w', accessKeyId: 'akiaiosfodnn7example', secretAccessKey: 's', replace: false }, `addSourceKey: accessKeyId ${KEY_ID}`],
    ['addSourceKey', { profile: 'w', accessKeyId: 'AIDAIOSFODNN7EXAMPLE', secretAccessKey: 's', replace: false }, `addSourceKey: accessKeyId ${KEY_ID}`],
    ['addSourceKey', { profile: 'w', accessKeyId: `AKIA${'Z'.repeat(125)}`, secretAccessKey: 's', replace: false }, `addSourceKey: accessKeyId ${KEY_ID}`],
    ['addSourceKey', { profile: 'w', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: '', replace: false }, `addSourceKey: secretAccessKey ${SECRET}`],
    ['addSourceKey', { profile: 'w', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'a b', replace: false }, `addSourceKey: secretAccessKey ${SECRET}`],
    ['addSourceKey', { profile: 'w', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'ab\n', replace: false }, `addSourceKey: secretAccessKey ${SECRET}`],
    [
      'addSourceKey',
      { profile: 'w', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(1025), replace: false },
      `addSourceKey: secretAccessKey ${SECRET}`,
    ],
    ['addSourceKey', { profile: 'w', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 7, replace: false }, `addSourceKey: secretAccessKey ${SECRET}`],
    ['importSourceKey', { profile: 'default' }, 'importSourceKey: replace must be true or false'],
    ['importSourceKey', { profile: 'default', replace: false, path: '/etc/x' }, 'importSourceKey: unexpected field "path"'],
    ['removeSourceKey', { profile: 'a\u0000b' }, 'removeSourceKey: profile must not contain control characters'],
    ['unlock', { password: '' }, 'unlock: password must be a non-empty string of at most 1024 characters'],
    ['unlock', { password: 'pw', deviceId: '' }, 'unlock: deviceId must be a non-empty string of at most 256 characters'],
    ['settingsSet', { ...SETTINGS, warnMinutes: [] }, 'settingsSet: warnMinutes must be 1 to 5 different whole minutes from 1 to 720'],
    ['settingsSet', { ...SETTINGS, warnMinutes: [2, 2] }, 'settingsSet: warnMinutes must be 1 to 5 different whole minutes from 1 to 720'],
    ['settingsSet', { ...SETTINGS, warnMinutes: [0] }, 'settingsSet: warnMinutes must be 1 to 5 different whole minutes from 1 to 720'],
    ['settingsSet', { ...SETTINGS, startAtLogin: 'yes' }, 'settingsSet: startAtLogin must be true or false'],
    ['settingsSet', { ...SETTINGS, profileSuffix: '-a b' }, 'settingsSet: profileSuffix must be 1 to 32 letters, digits, - _ or .'],
    ['settingsSet', { ...SETTINGS, defaultDurationSeconds: 60 }, 'settingsSet: defaultDurationSeconds must be whole seconds from 900 to 129600'],
    [
      'settingsSet',
      { warnMinutes: [10], defaultDurationSeconds: 3600, startAtLogin: false },
      'settingsSet: profileSuffix must be 1 to 32 letters, digits, - _ or .',
    ],
  ];
  it.each(rejected)('rejects %s %j', (method, payload, message) => {
    expect(validateIpcRequest(method, payload)).toEqual({ ok: false, error: { code: 'ipc-rejected', message } });
  });

  it('never echoes a rejected password or value', () => {
    const result = validateIpcRequest('unlock', { password: 'x'.repeat(2000) });
    expect(JSON.stringify(result)).not.toContain('xxxx');
    const extra = validateIpcRequest('unlock', { password: 'hunter2', secret: 'hunter2' });
    expect(JSON.stringify(extra)).not.toContain('hunter2');
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    for (const bad of [`${secret} `, `${secret}\n`, secret.repeat(30)]) {
      const result = validateIpcRequest('addSourceKey', { profile: 'w', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: bad, replace: false });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain('wJalr');
    }
    // A secret pasted into the key ID field is not echoed either.
    expect(JSON.stringify(validateIpcRequest('addSourceKey', { profile: 'w', accessKeyId: secret, secretAccessKey: 's', replace: false }))).not.toContain(
      'wJalr',
    );
  });
});
