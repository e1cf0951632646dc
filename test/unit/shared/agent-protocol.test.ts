// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { AGENT_METHODS, RESULT_GUARDS, parseRequest, parseServerMessage } from '../../../src-shared/agent-protocol';

const req = (o: Record<string, unknown>): string => JSON.stringify({ v: 1, id: 1, ...o });
const CALLER = { scope: 'a'.repeat(64), fingerprint: 'b'.repeat(64), configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' };
const withCaller = (caller: Record<string, unknown>): string => req({ method: 'credentialProcess', params: { profile: 'p', caller } });

describe('parseRequest accepts', () => {
  const cases: Array<[string, string, unknown]> = [
    ['ping without params', req({ method: 'ping' }), { v: 1, id: 1, method: 'ping', params: {} }],
    ['ping with empty params', req({ method: 'ping', params: {} }), { v: 1, id: 1, method: 'ping', params: {} }],
    ['string id', JSON.stringify({ v: 1, id: 'abc', method: 'status' }), { v: 1, id: 'abc', method: 'status', params: {} }],
    [
      'credentialProcess',
      req({ method: 'credentialProcess', params: { profile: 'admin' } }),
      { v: 1, id: 1, method: 'credentialProcess', params: { profile: 'admin' } },
    ],
    [
      'credentialProcess with the caller’s identity',
      withCaller(CALLER),
      { v: 1, id: 1, method: 'credentialProcess', params: { profile: 'p', caller: CALLER } },
    ],
    [
      'credentialProcess with a caller that could not fingerprint the profile',
      withCaller({ ...CALLER, fingerprint: undefined }),
      { v: 1, id: 1, method: 'credentialProcess', params: { profile: 'p', caller: { ...CALLER, fingerprint: undefined } } },
    ],
    ['elevate without duration', req({ method: 'elevate', params: { profile: 'p' } }), { v: 1, id: 1, method: 'elevate', params: { profile: 'p' } }],
    [
      'elevate with duration',
      req({ method: 'elevate', params: { profile: 'p', durationSeconds: 3600 } }),
      { v: 1, id: 1, method: 'elevate', params: { profile: 'p', durationSeconds: 3600 } },
    ],
    ['sessions.end', req({ method: 'sessions.end', params: { profile: 'p' } }), { v: 1, id: 1, method: 'sessions.end', params: { profile: 'p' } }],
    ['sessions.renew', req({ method: 'sessions.renew', params: { profile: 'p' } }), { v: 1, id: 1, method: 'sessions.renew', params: { profile: 'p' } }],
    ['sessions.list', req({ method: 'sessions.list' }), { v: 1, id: 1, method: 'sessions.list', params: {} }],
    ['subscribe', req({ method: 'subscribe' }), { v: 1, id: 1, method: 'subscribe', params: {} }],
  ];
  for (const [name, line, expected] of cases) {
    it(name, () => {
      expect(parseRequest(line)).toEqual({ ok: true, request: expected });
    });
  }
});

describe('parseRequest refuses', () => {
  const cases: Array<[string, string, number | string | null, RegExp]> = [
    ['not JSON', '{"v":1,', null, /not valid JSON/],
    ['an array', '[1,2]', null, /JSON object/],
    ['null', 'null', null, /JSON object/],
    ['missing id', JSON.stringify({ v: 1, method: 'ping' }), null, /request id/],
    ['fractional id', JSON.stringify({ v: 1, id: 1.5, method: 'ping' }), null, /request id/],
    ['empty string id', JSON.stringify({ v: 1, id: '', method: 'ping' }), null, /request id/],
    ['overlong id', JSON.stringify({ v: 1, id: 'x'.repeat(129), method: 'ping' }), null, /request id/],
    ['wrong version', JSON.stringify({ v: 2, id: 7, method: 'ping' }), 7, /version 2; this agent speaks 1/],
    ['missing version', JSON.stringify({ id: 7, method: 'ping' }), 7, /version undefined/],
    ['unknown method', req({ method: 'rm -rf' }), 1, /unknown method "rm -rf"/],
    ['method from the prototype', req({ method: 'toString' }), 1, /unknown method/],
    ['method not a string', req({ method: 5 }), 1, /unknown method/],
    ['params an array', req({ method: 'ping', params: [] }), 1, /params of ping must be an object/],
    ['extra top-level field', req({ method: 'ping', extra: true }), 1, /unexpected field "extra"/],
    ['params on ping', req({ method: 'ping', params: { a: 1 } }), 1, /ping: unexpected field "a"/],
    ['missing profile', req({ method: 'credentialProcess', params: {} }), 1, /profile must be a non-empty string/],
    ['empty profile', req({ method: 'sessions.end', params: { profile: '' } }), 1, /profile must be/],
    ['numeric profile', req({ method: 'sessions.end', params: { profile: 3 } }), 1, /profile must be/],
    ['profile with newline', req({ method: 'elevate', params: { profile: 'a\nb' } }), 1, /control characters/],
    ['profile too long', req({ method: 'elevate', params: { profile: 'p'.repeat(257) } }), 1, /at most 256/],
    ['duration too short', req({ method: 'elevate', params: { profile: 'p', durationSeconds: 899 } }), 1, /durationSeconds/],
    ['duration too long', req({ method: 'elevate', params: { profile: 'p', durationSeconds: 129_601 } }), 1, /durationSeconds/],
    ['duration fractional', req({ method: 'elevate', params: { profile: 'p', durationSeconds: 1000.5 } }), 1, /durationSeconds/],
    ['duration as a string', req({ method: 'elevate', params: { profile: 'p', durationSeconds: '3600' } }), 1, /durationSeconds/],
    ['extra params field', req({ method: 'credentialProcess', params: { profile: 'p', role: 'x' } }), 1, /unexpected field "role"/],
    ['caller not an object', withCaller([] as unknown as Record<string, unknown>), 1, /caller must be an object/],
    ['caller scope not a sha256', withCaller({ ...CALLER, scope: 'abc' }), 1, /caller.scope must be a sha256/],
    ['caller fingerprint in upper case', withCaller({ ...CALLER, fingerprint: 'B'.repeat(64) }), 1, /caller.fingerprint must be a sha256/],
    ['caller without its config file', withCaller({ ...CALLER, configFile: undefined }), 1, /must be paths/],
    ['caller path with a newline', withCaller({ ...CALLER, credentialsFile: '/a\nb' }), 1, /must be paths/],
    ['caller with an extra field', withCaller({ ...CALLER, env: {} }), 1, /unexpected field "env"/],
  ];
  for (const [name, line, id, message] of cases) {
    it(name, () => {
      const r = parseRequest(line);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.id).toBe(id);
      expect(r.error.code).toBe('agent-protocol');
      expect(r.error.message).toMatch(message);
    });
  }
});

describe('parseServerMessage', () => {
  const session = { profile: 'p', expiration: '2026-01-01T13:00:00.000Z' };
  it('reads a success response', () => {
    expect(parseServerMessage(JSON.stringify({ v: 1, id: 3, ok: true, result: { pong: true, protocol: 1 } }))).toEqual({
      kind: 'response',
      response: { v: 1, id: 3, ok: true, result: { pong: true, protocol: 1 } },
    });
  });
  it('reads an error response, also without an id', () => {
    const r = parseServerMessage(JSON.stringify({ v: 1, id: null, ok: false, error: { code: 'agent-protocol', message: 'bad', hint: 'h' } }));
    expect(r).toEqual({ kind: 'response', response: { v: 1, id: null, ok: false, error: { code: 'agent-protocol', message: 'bad', hint: 'h' } } });
  });
  it('reads events', () => {
    expect(parseServerMessage(JSON.stringify({ v: 1, event: 'touch', data: { state: 'needed', profile: 'p' } })).kind).toBe('event');
    expect(parseServerMessage(JSON.stringify({ v: 1, event: 'sessions', data: { sessions: [session] } })).kind).toBe('event');
    expect(parseServerMessage(JSON.stringify({ v: 1, event: 'expired', data: { profile: 'p', removed: true } })).kind).toBe('event');
    expect(parseServerMessage(JSON.stringify({ v: 1, event: 'yubikey', data: { state: 'unavailable' } })).kind).toBe('event');
    expect(
      parseServerMessage(
        JSON.stringify({ v: 1, event: 'warning', data: { profile: 'p', expiration: session.expiration, thresholdSeconds: 600, secondsLeft: 599 } }),
      ).kind,
    ).toBe('event');
  });
  const invalid: Array<[string, string]> = [
    ['not JSON', 'nope'],
    ['other version', JSON.stringify({ v: 2, id: 1, ok: true, result: {} })],
    ['success without result', JSON.stringify({ v: 1, id: 1, ok: true })],
    ['success with null id', JSON.stringify({ v: 1, id: null, ok: true, result: {} })],
    ['error without message', JSON.stringify({ v: 1, id: 1, ok: false, error: { code: 'x' } })],
    ['unknown event', JSON.stringify({ v: 1, event: 'reboot', data: {} })],
    ['touch event with a bad state', JSON.stringify({ v: 1, event: 'touch', data: { state: 'maybe' } })],
    ['yubikey event with a bad state', JSON.stringify({ v: 1, event: 'yubikey', data: { state: 'maybe' } })],
    ['sessions event with a bad date', JSON.stringify({ v: 1, event: 'sessions', data: { sessions: [{ profile: 'p', expiration: 'soon' }] } })],
  ];
  for (const [name, line] of invalid) {
    it(`refuses ${name}`, () => {
      expect(parseServerMessage(line).kind).toBe('invalid');
    });
  }
});

describe('RESULT_GUARDS', () => {
  const creds = { Version: 1, AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't', Expiration: '2026-01-01T13:00:00Z' };
  it('has a guard for every method', () => {
    expect(Object.keys(RESULT_GUARDS).sort()).toEqual([...AGENT_METHODS].sort());
  });
  it('accepts credential_process JSON and refuses anything incomplete', () => {
    expect(RESULT_GUARDS.credentialProcess(creds)).toBe(true);
    expect(RESULT_GUARDS.credentialProcess({ ...creds, Version: 2 })).toBe(false);
    expect(RESULT_GUARDS.credentialProcess({ ...creds, SessionToken: '' })).toBe(false);
    expect(RESULT_GUARDS.credentialProcess({ ...creds, Expiration: 'tomorrow' })).toBe(false);
  });
  it('checks status and session shapes', () => {
    const status = { agent: { protocol: 1, pid: 5, startedAt: '2026-01-01T12:00:00Z' }, yubikey: 'ready', sessions: [] };
    expect(RESULT_GUARDS.status(status)).toBe(true);
    expect(RESULT_GUARDS.status({ ...status, yubikey: 'on fire' })).toBe(false);
    expect(RESULT_GUARDS.elevate({ profile: 'p', expiration: '2026-01-01T13:00:00Z', roleArn: 'arn:aws:iam::123456789012:role/x' })).toBe(true);
    expect(RESULT_GUARDS.elevate({ profile: 'p', expiration: '2026-01-01T13:00:00Z', roleArn: 5 })).toBe(false);
  });
  it('a session listed with an unreadable (hand-damaged) expiry: an empty expiration, and only with the flag', () => {
    const status = (sessions: unknown[]) => ({ agent: { protocol: 1, pid: 5, startedAt: '2026-01-01T12:00:00Z' }, yubikey: 'ready', sessions });
    expect(RESULT_GUARDS.status(status([{ profile: 'p', expiration: '', expiryUnreadable: true }]))).toBe(true);
    expect(RESULT_GUARDS.status(status([{ profile: 'p', expiration: '' }]))).toBe(false);
    expect(RESULT_GUARDS.status(status([{ profile: 'p', expiration: '2026-01-01T13:00:00Z', expiryUnreadable: true }]))).toBe(false);
    expect(RESULT_GUARDS.status(status([{ profile: 'p', expiration: '2026-01-01T13:00:00Z', expiryUnreadable: false }]))).toBe(false);
  });
});
