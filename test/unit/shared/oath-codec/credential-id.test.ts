// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { awsMfaArnIn } from '../../../../src-shared/oath-codec/aws-mfa-arn';
import { formatCredentialId, parseCredentialId } from '../../../../src-shared/oath-codec/credential-id';

describe('credential ids (yubikit _format_cred_id / _parse_cred_id)', () => {
  it.each([
    ['totp', { name: 'alice' }, 'alice'],
    ['totp', { issuer: 'AWS', name: 'alice', period: 30 }, 'AWS:alice'],
    ['totp', { issuer: 'GitHub', name: 'carol', period: 60 }, '60/GitHub:carol'],
    ['totp', { name: 'dave', period: 15 }, '15/dave'],
    ['hotp', { issuer: 'Example', name: 'bob', period: 60 }, 'Example:bob'],
  ] as const)('%s %j -> %s', (type, parts, id) => {
    expect(formatCredentialId(type, parts)).toBe(id);
  });

  it.each([
    ['alice', 'totp', undefined, 'alice', 30],
    ['AWS:arn:aws:iam::123456789012:mfa/alice', 'totp', 'AWS', 'arn:aws:iam::123456789012:mfa/alice', 30],
    ['60/GitHub:carol', 'totp', 'GitHub', 'carol', 60],
    ['15/dave', 'totp', undefined, 'dave', 15],
    ['Example:bob', 'hotp', 'Example', 'bob', 0],
    ['60/x', 'hotp', undefined, '60/x', 0],
  ] as const)('%s (%s)', (id, type, issuer, name, period) => {
    expect(parseCredentialId(id, type)).toEqual({ issuer, name, period });
  });
});

describe('awsMfaArnIn', () => {
  it.each([
    ['arn:aws:iam::123456789012:mfa/alice', 'arn:aws:iam::123456789012:mfa/alice'],
    ['AWS:arn:aws:iam::123456789012:mfa/alice', 'arn:aws:iam::123456789012:mfa/alice'],
    ['60/Amazon Web Services:arn:aws:iam::123456789012:mfa/team/bob.b@x', 'arn:aws:iam::123456789012:mfa/team/bob.b@x'],
    ['arn:aws-us-gov:iam::123456789012:mfa/gov', 'arn:aws-us-gov:iam::123456789012:mfa/gov'],
    ['Amazon Web Services:alice@123456789012', undefined],
    ['arn:aws:iam::12345678901:mfa/short-account', undefined],
    ['arn:aws:iam::123456789012:user/alice', undefined],
  ])('%s', (name, arn) => {
    expect(awsMfaArnIn(name)).toBe(arn);
  });
});
