// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { checkNotNested, childEnv, CREDENTIAL_SELECTORS } from '../../../../src-main/core/delivery';

const credentials = { accessKeyId: 'ASIASESSION', secretAccessKey: 'session-secret', sessionToken: 'tok', expiration: Date.parse('2026-12-02T21:00:00Z') };
const parent: NodeJS.ProcessEnv = {
  PATH: '/usr/bin',
  HOME: '/home/u',
  AWS_CONFIG_FILE: '/home/u/.aws/config',
  AWS_SHARED_CREDENTIALS_FILE: '/home/u/.aws/credentials',
  ...Object.fromEntries(CREDENTIAL_SELECTORS.map((n) => [n, `parent-${n}`])),
};

describe('childEnv', () => {
  it('env delivery: the session replaces every credential selector; config paths and the rest stay', () => {
    const env = childEnv(parent, { profile: 'prod', region: 'eu-west-1', delivery: { kind: 'env', credentials } });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      AWS_CONFIG_FILE: '/home/u/.aws/config',
      AWS_SHARED_CREDENTIALS_FILE: '/home/u/.aws/credentials',
      AWS_ACCESS_KEY_ID: 'ASIASESSION',
      AWS_SECRET_ACCESS_KEY: 'session-secret',
      AWS_SESSION_TOKEN: 'tok',
      AWS_CREDENTIAL_EXPIRATION: '2026-12-02T21:00:00.000Z',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      TOUCHROLE_PROFILE: 'prod',
    });
    expect(parent['AWS_PROFILE']).toBe('parent-AWS_PROFILE');
  });

  it('server delivery: no key at all, only the endpoint and its token; the parent region stays without a profile region', () => {
    const env = childEnv({ ...parent, AWS_REGION: 'us-west-2' }, { profile: 'prod', delivery: { kind: 'server', url: 'http://127.0.0.1:1/x', token: 't' } });
    expect(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']).toBe('http://127.0.0.1:1/x');
    expect(env['AWS_CONTAINER_AUTHORIZATION_TOKEN']).toBe('t');
    for (const n of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_SECURITY_TOKEN',
      'AWS_CREDENTIAL_EXPIRATION',
      'AWS_PROFILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
    ]) {
      expect(env[n], n).toBeUndefined();
    }
    expect(env['AWS_REGION']).toBe('us-west-2');
    expect(env['TOUCHROLE_PROFILE']).toBe('prod');
  });
});

describe('checkNotNested', () => {
  it('refuses inside an exec child unless forced', () => {
    expect(() => checkNotNested({ TOUCHROLE_PROFILE: 'prod' }, false)).toThrow(/already inside "touchrole exec" for profile prod/);
    expect(() => checkNotNested({ TOUCHROLE_PROFILE: 'prod' }, true)).not.toThrow();
    expect(() => checkNotNested({}, false)).not.toThrow();
  });
});
