// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import { matchCredential } from '../../../../src-main/core/oath/credential-match';

const cred = (id: string, issuer: string | undefined, name: string) => ({ id, issuer, name });
const CREDS = [
  cred('AWS:arn:aws:iam::123456789012:mfa/bob', 'AWS', 'arn:aws:iam::123456789012:mfa/bob'),
  cred('AWS:arn:aws:iam::123456789012:mfa/bobby', 'AWS', 'arn:aws:iam::123456789012:mfa/bobby'),
  cred('GitHub:carol', 'GitHub', 'carol'),
  cred('60/GitHub:carol', 'GitHub', 'carol'),
  cred('carol', undefined, 'carol'),
];

describe('matchCredential', () => {
  it.each([
    ['exact id beats same-named credentials', '60/GitHub:carol', '60/GitHub:carol'],
    ['an mfa_serial ARN picks that device, not a longer name it prefixes', 'arn:aws:iam::123456789012:mfa/bob', 'AWS:arn:aws:iam::123456789012:mfa/bob'],
    ['a unique substring', 'bobby', 'AWS:arn:aws:iam::123456789012:mfa/bobby'],
    ['exact id "carol" before name matches', 'carol', 'carol'],
  ])('%s', (_why, query, id) => {
    expect(matchCredential(CREDS, query).id).toBe(id);
  });

  it.each([
    ['GITHUB:CAROL', 'oath-ambiguous-credential'],
    ['github', 'oath-ambiguous-credential'],
    ['dave', 'oath-no-such-credential'],
  ])('%s -> %s', (query, code) => {
    try {
      matchCredential(CREDS, query);
      expect.unreachable('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(TouchroleError);
      expect((e as TouchroleError).code).toBe(code);
    }
  });
});
