// SPDX-License-Identifier: MIT
// The contract's checks for the window's code, whoami, clean and decode requests (issue #10).
import { describe, expect, it } from 'vitest';
import { validateIpcRequest, type IpcMethod } from '../../../src-shared/ipc-contract';
import { ENCODED_MESSAGE_MAX_LENGTH } from '../../../src-shared/rules';

const ARN = 'arn:aws:iam::123456789012:mfa/alice';
// A real message's alphabet: base64url with its - and _, and plain base64's + / =.
const MESSAGE = 'Ab9-_xY+/z==';

describe('ipc contract: tools', () => {
  const accepted: [IpcMethod, unknown][] = [
    ['yubikeyCode', { name: ARN }],
    ['yubikeyCode', { name: 'AWS:alice', deviceId: 'c4f1e2a9' }],
    ['yubikeyCode', { slot: 1 }],
    ['yubikeyCode', { slot: 2 }],
    ['whoami', { profile: 'prod admin' }],
    ['clean', undefined],
    ['decodeMessage', { profile: 'admin', message: MESSAGE }],
    ['decodeMessage', { profile: 'admin', message: 'a'.repeat(ENCODED_MESSAGE_MAX_LENGTH) }],
  ];
  it.each(accepted)('accepts %s %j', (method, payload) => {
    expect(validateIpcRequest(method, payload)).toEqual({ ok: true, value: payload });
  });

  const rejected: [IpcMethod, unknown, string][] = [
    ['yubikeyCode', undefined, 'yubikeyCode: argument must be an object'],
    ['yubikeyCode', {}, 'yubikeyCode: name must be a non-empty string of at most 256 characters'],
    ['yubikeyCode', { name: 'x'.repeat(257) }, 'yubikeyCode: name must be a non-empty string of at most 256 characters'],
    ['yubikeyCode', { name: 'a\u001bb' }, 'yubikeyCode: name must not contain control characters'],
    ['yubikeyCode', { name: ARN, deviceId: '' }, 'yubikeyCode: deviceId must be a non-empty string of at most 256 characters'],
    ['yubikeyCode', { name: ARN, slot: 2 }, 'yubikeyCode: unexpected field "slot"'],
    // The OTP-slot shape: exactly `{ slot }`, 1 or 2 as a number.
    ['yubikeyCode', { slot: 0 }, 'yubikeyCode: slot must be 1 or 2'],
    ['yubikeyCode', { slot: 3 }, 'yubikeyCode: slot must be 1 or 2'],
    ['yubikeyCode', { slot: '2' }, 'yubikeyCode: slot must be 1 or 2'],
    ['yubikeyCode', { slot: 1.5 }, 'yubikeyCode: slot must be 1 or 2'],
    ['yubikeyCode', { slot: undefined }, 'yubikeyCode: slot must be 1 or 2'],
    ['yubikeyCode', { slot: 2, deviceId: 'c4f1e2a9' }, 'yubikeyCode: unexpected field "deviceId"'],
    ['yubikeyCode', { slot: 2, serial: 123 }, 'yubikeyCode: unexpected field "serial"'],
    ['whoami', { profile: '' }, 'whoami: profile must be a non-empty string of at most 256 characters'],
    ['whoami', { profile: 'a\nb' }, 'whoami: profile must not contain control characters'],
    ['whoami', 'admin', 'whoami: argument must be an object'],
    ['clean', {}, 'clean: takes no argument'],
    ['decodeMessage', { profile: 'admin' }, `decodeMessage: message must be a non-empty string of at most ${ENCODED_MESSAGE_MAX_LENGTH} characters`],
    [
      'decodeMessage',
      { profile: 'admin', message: '' },
      `decodeMessage: message must be a non-empty string of at most ${ENCODED_MESSAGE_MAX_LENGTH} characters`,
    ],
    [
      'decodeMessage',
      { profile: 'admin', message: 'a'.repeat(ENCODED_MESSAGE_MAX_LENGTH + 1) },
      `decodeMessage: message must be a non-empty string of at most ${ENCODED_MESSAGE_MAX_LENGTH} characters`,
    ],
    ['decodeMessage', { profile: 'admin', message: 'abc def' }, 'decodeMessage: message must hold only letters, digits and + / = _ -'],
    ['decodeMessage', { profile: 'admin', message: '<script>' }, 'decodeMessage: message must hold only letters, digits and + / = _ -'],
    ['decodeMessage', { profile: '', message: MESSAGE }, 'decodeMessage: profile must be a non-empty string of at most 256 characters'],
    ['decodeMessage', { profile: 'admin', message: MESSAGE, region: 'x' }, 'decodeMessage: unexpected field "region"'],
  ];
  it.each(rejected)('rejects %s %j', (method, payload, message) => {
    expect(validateIpcRequest(method, payload)).toEqual({ ok: false, error: { code: 'ipc-rejected', message } });
  });

  it('never echoes a rejected message or name', () => {
    expect(JSON.stringify(validateIpcRequest('decodeMessage', { profile: 'admin', message: 'secret stuff!' }))).not.toContain('secret');
    expect(JSON.stringify(validateIpcRequest('yubikeyCode', { name: 'hunter2\u0000' }))).not.toContain('hunter2');
    expect(JSON.stringify(validateIpcRequest('yubikeyCode', { slot: 'hunter2' }))).not.toContain('hunter2');
  });
});
