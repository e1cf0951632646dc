// SPDX-License-Identifier: MIT
// A request carrying a TOTP code is sent once: AWS accepts a code once, so an SDK retry after a
// lost answer would be refused as an invalid code and hide what happened. Other calls keep the
// SDK's retry. Real SDK clients against a loopback server that always answers 500.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIamApi, createStsApi } from '../../../src-main/core/sts';
import { systemClock } from '../../../src-shared/time/clock';

let server: Server;
let url: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(500, { 'content-type': 'text/xml' });
      res.end(
        '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>try again</Message></Error><RequestId>r</RequestId></ErrorResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests = 0;
});

const ctx = { credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' }, region: 'us-east-1' };
const env = (): Record<string, string> => ({ AWS_ENDPOINT_URL_STS: url, AWS_ENDPOINT_URL_IAM: url });

describe('requests with a TOTP code are not retried', () => {
  it('AssumeRole and GetSessionToken with a code: one request each', async () => {
    const sts = createStsApi({ env: env(), clock: systemClock });
    const role = {
      roleArn: 'arn:aws:iam::123456789012:role/R',
      roleSessionName: 's',
      durationSeconds: 900,
      serialNumber: 'arn:aws:iam::123456789012:mfa/a',
      tokenCode: '123456',
    };
    await expect(sts.assumeRole(ctx, role)).rejects.toThrow();
    expect(requests).toBe(1);
    requests = 0;
    await expect(sts.getSessionToken(ctx, { durationSeconds: 900, serialNumber: 'arn:aws:iam::123456789012:mfa/a', tokenCode: '123456' })).rejects.toThrow();
    expect(requests).toBe(1);
  });

  it('EnableMFADevice: one request', async () => {
    const iam = createIamApi({ env: env(), clock: systemClock });
    const input = { userName: 'alice', serialNumber: 'arn:aws:iam::123456789012:mfa/a', authenticationCode1: '123456', authenticationCode2: '654321' };
    await expect(iam.enableMFADevice(ctx, input)).rejects.toThrow();
    expect(requests).toBe(1);
  });

  it('calls without a code keep the retry (the check can fail)', async () => {
    const sts = createStsApi({ env: env(), clock: systemClock });
    await expect(sts.getCallerIdentity(ctx)).rejects.toThrow();
    expect(requests).toBe(2);
    requests = 0;
    const role = { roleArn: 'arn:aws:iam::123456789012:role/R', roleSessionName: 's', durationSeconds: 900 };
    await expect(sts.assumeRole(ctx, role)).rejects.toThrow();
    expect(requests).toBe(2);
  });
});
