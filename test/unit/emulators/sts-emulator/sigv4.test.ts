// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  expectedSignature,
  parseAuthorization,
  signatureMatches,
  type ReceivedRequest,
  type SigV4Authorization,
} from '../../../../src-emulators/sts-emulator/sigv4';

// The example credentials and requests of AWS's published SigV4 test suite and IAM example.
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

function authHeader(a: SigV4Authorization): string {
  return (
    `AWS4-HMAC-SHA256 Credential=${a.accessKeyId}/${a.date}/${a.region}/${a.service}/aws4_request, ` +
    `SignedHeaders=${a.signedHeaders.join(';')}, Signature=${a.signature}`
  );
}

/** Signs `req` as a client would, using the verifier's own maths, and adds the header. */
function signed(req: ReceivedRequest, auth: Omit<SigV4Authorization, 'signature'>, secret = SECRET): ReceivedRequest {
  const full = { ...auth, signature: expectedSignature(req, { ...auth, signature: '' }, secret) };
  return { ...req, headers: [...req.headers, ['Authorization', authHeader(full)]] };
}

const vanilla: ReceivedRequest = {
  method: 'GET',
  url: '/',
  headers: [
    ['Host', 'example.amazonaws.com'],
    ['X-Amz-Date', '20150830T123600Z'],
  ],
  body: new Uint8Array(),
};
const vanillaAuth = {
  accessKeyId: 'AKIDEXAMPLE',
  date: '20150830',
  region: 'us-east-1',
  service: 'service',
  signedHeaders: ['host', 'x-amz-date'],
};

const iamListUsers: ReceivedRequest = {
  method: 'GET',
  url: '/?Action=ListUsers&Version=2010-05-08',
  headers: [
    ['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8'],
    ['Host', 'iam.amazonaws.com'],
    ['X-Amz-Date', '20150830T123600Z'],
  ],
  body: new Uint8Array(),
};
const iamAuth = { ...vanillaAuth, service: 'iam', signedHeaders: ['content-type', 'host', 'x-amz-date'] };

describe('SigV4 signature maths (published vectors)', () => {
  it('computes the get-vanilla signature of the AWS test suite', () => {
    expect(expectedSignature(vanilla, { ...vanillaAuth, signature: '' }, SECRET)).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('computes the IAM ListUsers example signature of the SigV4 documentation', () => {
    expect(canonicalRequest(iamListUsers, iamAuth.signedHeaders)).toBe(
      [
        'GET',
        '/',
        'Action=ListUsers&Version=2010-05-08',
        'content-type:application/x-www-form-urlencoded; charset=utf-8',
        'host:iam.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'content-type;host;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(expectedSignature(iamListUsers, { ...iamAuth, signature: '' }, SECRET)).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('sorts query parameters and collapses header whitespace in the canonical request', () => {
    const req: ReceivedRequest = {
      ...vanilla,
      url: '/?b=2&a=%7E x&a=1',
      headers: [...vanilla.headers, ['My-Header1', '  a   b  ']],
    };
    const canonical = canonicalRequest(req, ['host', 'my-header1', 'x-amz-date']).split('\n');
    expect(canonical[2]).toBe('a=1&a=~%20x&b=2');
    expect(canonical[4]).toBe('my-header1:a b');
  });
});

describe('parseAuthorization', () => {
  it('reads credential scope, signed headers and signature', () => {
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc')).toEqual({
      accessKeyId: 'AKID',
      date: '20260101',
      region: 'eu-west-1',
      service: 'sts',
      signedHeaders: ['host', 'x-amz-date'],
      signature: 'abc',
    });
  });

  it.each([
    ['another algorithm', 'AWS4-HMAC-SHA512 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=abc'],
    ['a short scope', 'AWS4-HMAC-SHA256 Credential=AKID/20260101/sts/aws4_request, SignedHeaders=host, Signature=abc'],
    ['no signature', 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=host'],
    ['SigV2', 'AWS AKID:c2lnbmF0dXJl'],
  ])('rejects %s', (_name, header) => {
    expect(parseAuthorization(header)).toBeUndefined();
  });
});

describe('signatureMatches', () => {
  const body = new TextEncoder().encode('Action=GetCallerIdentity&Version=2011-06-15');
  const post: ReceivedRequest = { method: 'POST', url: '/', headers: [...vanilla.headers, ['Content-Type', 'application/x-www-form-urlencoded']], body };
  const auth = { ...vanillaAuth, service: 'sts', signedHeaders: ['content-type', 'host', 'x-amz-date'] };
  const good = signed(post, auth);
  const authOf = (r: ReceivedRequest): SigV4Authorization => {
    const header = r.headers.find(([n]) => n === 'Authorization')?.[1] ?? '';
    const parsed = parseAuthorization(header);
    if (parsed === undefined) throw new Error('test request has no Authorization header');
    return parsed;
  };

  it('accepts a correctly signed request', () => {
    expect(signatureMatches(good, authOf(good), SECRET)).toBe(true);
  });

  it('rejects the wrong secret', () => {
    expect(signatureMatches(good, authOf(good), `${SECRET}x`)).toBe(false);
  });

  it('rejects a tampered body', () => {
    const tampered = { ...good, body: new TextEncoder().encode('Action=GetCallerIdentity&Version=2011-06-16') };
    expect(signatureMatches(tampered, authOf(good), SECRET)).toBe(false);
  });

  it('rejects a tampered signed header', () => {
    const tampered = { ...good, headers: good.headers.map(([n, v]): [string, string] => [n, n === 'Host' ? 'evil.example' : v]) };
    expect(signatureMatches(tampered, authOf(good), SECRET)).toBe(false);
  });

  it('rejects a scope date that is not the request date', () => {
    const wrongDay = signed(post, { ...auth, date: '20150831' });
    expect(signatureMatches(wrongDay, authOf(wrongDay), SECRET)).toBe(false);
  });

  it('rejects a session token that is sent but not signed', () => {
    const withToken: ReceivedRequest = { ...post, headers: [...post.headers, ['X-Amz-Security-Token', 'token']] };
    const req = signed(withToken, auth);
    expect(signatureMatches(req, authOf(req), SECRET)).toBe(false);
    const signedToken = signed(withToken, { ...auth, signedHeaders: [...auth.signedHeaders, 'x-amz-security-token'] });
    expect(signatureMatches(signedToken, authOf(signedToken), SECRET)).toBe(true);
  });

  it('rejects a request that does not sign host', () => {
    const req = signed(post, { ...auth, signedHeaders: ['content-type', 'x-amz-date'] });
    expect(signatureMatches(req, authOf(req), SECRET)).toBe(false);
  });
});
