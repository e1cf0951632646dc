// SPDX-License-Identifier: MIT
// Error mapping through the real STS adapter: a loopback HTTP server answers as AWS does when it refuses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TouchroleError, type ErrorCode } from '../../../../src-shared/errors';
import { ManualClock } from '../../../../src-shared/time/clock';
import { createStsApi, mapAwsError, type CallContext } from '../../../../src-main/core/sts';

interface Reply {
  status: number;
  code: string;
  message: string;
  /** Server Date header, ms. */
  date: number;
}

let server: Server;
let url = '';
let reply: Reply;
const NOW = Date.parse('2026-01-01T12:00:00Z');
const SECRET = 'super-secret-value-that-must-not-leak';
const ctx: CallContext = { credentials: { accessKeyId: 'AKIATESTTESTTEST', secretAccessKey: SECRET } };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(reply.status, { 'content-type': 'text/xml', date: new Date(reply.date).toUTCString() });
      res.end(
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${reply.code}</Code>` +
          `<Message>${reply.message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const cases: Array<{ name: string; reply: Omit<Reply, 'date'> & { skewMs?: number }; code: ErrorCode; message: RegExp }> = [
  {
    name: 'invalid MFA code',
    reply: { status: 403, code: 'AccessDenied', message: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ' },
    code: 'sts-invalid-mfa',
    message: /^AWS rejected the MFA code for STS AssumeRole$/,
  },
  {
    name: 'access denied by the trust policy',
    reply: {
      status: 403,
      code: 'AccessDenied',
      message: 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/admin',
    },
    code: 'sts-access-denied',
    message: /^Access denied for STS AssumeRole: User: arn:aws:iam::123456789012:user\/alice is not authorized/,
  },
  {
    name: 'expired session',
    reply: { status: 400, code: 'ExpiredToken', message: 'The security token included in the request is expired' },
    code: 'sts-expired-token',
    message: /has expired/,
  },
  {
    name: 'unknown access key',
    reply: { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' },
    code: 'sts-invalid-keys',
    message: /does not accept the access key used for STS AssumeRole \(InvalidClientTokenId\)/,
  },
  {
    name: 'wrong secret key (clock fine)',
    reply: { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' },
    code: 'sts-invalid-keys',
    message: /SignatureDoesNotMatch/,
  },
  {
    name: 'local clock 7 minutes ahead',
    reply: {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'Signature expired: 20260101T120700Z is now earlier than 20260101T120500Z',
      skewMs: 7 * 60_000,
    },
    code: 'sts-clock-skew',
    message: /^Your clock is 7m ahead of AWS time, so STS AssumeRole was refused$/,
  },
  {
    name: 'local clock 1h30m behind',
    reply: { status: 400, code: 'RequestExpired', message: 'Request has expired.', skewMs: -90 * 60_000 },
    code: 'sts-clock-skew',
    message: /^Your clock is 1h30m behind AWS time/,
  },
  {
    name: 'duration above the role maximum',
    reply: { status: 400, code: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' },
    code: 'duration-invalid',
    message: /MaxSessionDuration/,
  },
  {
    name: 'anything else',
    reply: { status: 400, code: 'RegionDisabledException', message: 'STS is not activated in this region' },
    code: 'sts-error',
    message: /^STS AssumeRole failed \(RegionDisabledException\): STS is not activated/,
  },
];

describe('mapAwsError through the STS adapter', () => {
  it.each(cases)('$name -> $code', async (c) => {
    const clock = new ManualClock(NOW);
    reply = { status: c.reply.status, code: c.reply.code, message: c.reply.message, date: NOW - (c.reply.skewMs ?? 0) };
    const sts = createStsApi({ clock, env: { AWS_ENDPOINT_URL_STS: url }, maxAttempts: 1 });
    const error = await sts
      .assumeRole(ctx, {
        roleArn: 'arn:aws:iam::123456789012:role/admin',
        roleSessionName: 's',
        serialNumber: 'arn:aws:iam::123456789012:mfa/alice',
        tokenCode: '908172',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TouchroleError);
    const t = error as TouchroleError;
    expect(t.code).toBe(c.code);
    expect(t.message).toMatch(c.message);
    expect(`${t.message} ${t.hint ?? ''}`).not.toContain(SECRET);
    expect(`${t.message} ${t.hint ?? ''}`).not.toContain('908172');
    expect(t.message).not.toMatch(/\n/);
  });
});

describe('mapAwsError for errors that never reach AWS', () => {
  const clock = new ManualClock(NOW);
  const map = (e: unknown): TouchroleError => mapAwsError(e, { service: 'STS', operation: 'GetSessionToken', clock });

  it.each([
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })],
    ['ENOTFOUND (nested in cause)', new Error('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND sts.example'), { code: 'ENOTFOUND' }) })],
    ['ETIMEDOUT (inside an AggregateError)', new AggregateError([Object.assign(new Error('x'), { code: 'ETIMEDOUT' })], 'all failed')],
  ])('%s -> sts-network', (_, e) => {
    expect(map(e).code).toBe('sts-network');
  });

  it('an SDK request timeout -> sts-network', () => {
    expect(map(Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' })).code).toBe('sts-network');
  });

  it('an abort -> cancelled', () => {
    expect(map(Object.assign(new Error('Request aborted'), { name: 'AbortError' })).code).toBe('cancelled');
  });

  it('a TouchroleError passes through unchanged', () => {
    const original = new TouchroleError('sts-mfa-reused', 'x');
    expect(map(original)).toBe(original);
  });
});
