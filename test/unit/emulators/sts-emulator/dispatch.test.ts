// SPDX-License-Identifier: MIT
// The wire format of answers, checked without a network: namespaces, statuses, error shapes.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src-shared/time/clock';
import { Directory } from '../../../../src-emulators/sts-emulator/directory';
import { handleQueryRequest } from '../../../../src-emulators/sts-emulator/dispatch';
import { addUser } from '../../../../src-emulators/sts-emulator/seed-directory';
import { expectedSignature, type ReceivedRequest } from '../../../../src-emulators/sts-emulator/sigv4';

const clock = new ManualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
const AMZ_DATE = '20260102T030405Z';

function request(body: string, keys: { accessKeyId: string; secretAccessKey: string } | undefined, service = 'sts'): ReceivedRequest {
  const unsigned: ReceivedRequest = {
    method: 'POST',
    url: '/',
    headers: [
      ['Host', '127.0.0.1:1234'],
      ['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8'],
      ['X-Amz-Date', AMZ_DATE],
    ],
    body: new TextEncoder().encode(body),
  };
  if (keys === undefined) return unsigned;
  const auth = {
    accessKeyId: keys.accessKeyId,
    date: '20260102',
    region: 'us-east-1',
    service,
    signedHeaders: ['content-type', 'host', 'x-amz-date'],
    signature: '',
  };
  const signature = expectedSignature(unsigned, auth, keys.secretAccessKey);
  const header =
    `AWS4-HMAC-SHA256 Credential=${keys.accessKeyId}/20260102/us-east-1/${service}/aws4_request, ` +
    `SignedHeaders=content-type;host;x-amz-date, Signature=${signature}`;
  return { ...unsigned, headers: [...unsigned.headers, ['Authorization', header]] };
}

function setUp() {
  const directory = new Directory();
  const user = addUser(directory, clock, { userName: 'alice', accessKey: { accessKeyId: 'AKIAALICE00000000000', secretAccessKey: 'secret/alice' } });
  return { directory, user };
}

describe('handleQueryRequest', () => {
  it('answers GetCallerIdentity in the STS namespace with a request id', () => {
    const { directory, user } = setUp();
    const answer = handleQueryRequest(request('Action=GetCallerIdentity&Version=2011-06-15', user), directory, clock);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        `<Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>${user.userId}</UserId><Account>123456789012</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>${answer.requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>\n`,
    );
  });

  it('renders errors as ErrorResponse with Type Sender and the HTTP status', () => {
    const { directory } = setUp();
    const answer = handleQueryRequest(request('Action=GetCallerIdentity&Version=2011-06-15', undefined), directory, clock);
    expect(answer.status).toBe(403);
    expect(answer.body).toBe(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>' +
        '<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error>' +
        `<RequestId>${answer.requestId}</RequestId></ErrorResponse>\n`,
    );
  });

  it('uses the IAM namespace for Version 2010-05-08 and omits the result of empty actions', () => {
    const { directory, user } = setUp();
    const body = `Action=UpdateAccessKey&Version=2010-05-08&AccessKeyId=${user.accessKeyId}&Status=Active`;
    const answer = handleQueryRequest(request(body, user, 'iam'), directory, clock);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(
      `<UpdateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>${answer.requestId}</RequestId></ResponseMetadata></UpdateAccessKeyResponse>\n`,
    );
  });

  it('hands out Base32StringSeed as base64 of the base32 text', () => {
    const { directory, user } = setUp();
    const answer = handleQueryRequest(request('Action=CreateVirtualMFADevice&Version=2010-05-08&VirtualMFADeviceName=alice', user, 'iam'), directory, clock);
    const blob = /<Base32StringSeed>([^<]+)<\/Base32StringSeed>/.exec(answer.body)?.[1] ?? '';
    expect(new TextDecoder().decode(Uint8Array.from(atob(blob), (c) => c.charCodeAt(0)))).toMatch(/^[A-Z2-7]{64}$/);
    expect(answer.body).toContain('<SerialNumber>arn:aws:iam::123456789012:mfa/alice</SerialNumber>');
  });

  it('refuses credentials scoped to another service', () => {
    const { directory, user } = setUp();
    const answer = handleQueryRequest(request('Action=GetCallerIdentity&Version=2011-06-15', user, 'iam'), directory, clock);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("<Code>SignatureDoesNotMatch</Code><Message>Credential should be scoped to correct service: 'sts'. </Message>");
  });

  it('answers InvalidAction for an unknown action and MissingAction without one', () => {
    const { directory, user } = setUp();
    const unknown = handleQueryRequest(request('Action=GetFederationToken&Version=2011-06-15&Name=x', user), directory, clock);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('<Code>InvalidAction</Code><Message>Could not find operation GetFederationToken for version 2011-06-15</Message>');
    const missing = handleQueryRequest(request('Version=2011-06-15', user), directory, clock);
    expect(missing.body).toContain('<Code>MissingAction</Code>');
  });

  it('escapes XML in messages', () => {
    const { directory, user } = setUp();
    const answer = handleQueryRequest(request('Action=GetUser&Version=2010-05-08&UserName=%3Cb%3E', user, 'iam'), directory, clock);
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('<Message>The user with name &lt;b&gt; cannot be found.</Message>');
  });
});
