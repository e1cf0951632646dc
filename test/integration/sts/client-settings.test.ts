// SPDX-License-Identifier: MIT
// The profile's client settings reach the real SDK client, and with them the SDK reads no AWS file
// of its own: a config file the SDK would find (AWS_CONFIG_FILE) has no say. Real SDK clients
// against a loopback server that answers GetCallerIdentity and records the User-Agent.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStsApi } from '../../../src-main/core/sts';
import { systemClock } from '../../../src-shared/time/clock';

let server: Server;
let url: string;
let userAgents: string[] = [];
const saved = { config: process.env['AWS_CONFIG_FILE'], profile: process.env['AWS_PROFILE'] };

const IDENTITY =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  '<Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDAALICE</UserId><Account>123456789012</Account>' +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

beforeAll(async () => {
  server = createServer((req, res) => {
    userAgents.push(String(req.headers['user-agent'] ?? ''));
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(IDENTITY);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // What the SDK reads when left to itself: AWS_PROFILE's profile of this file.
  const dir = mkdtempSync(join(tmpdir(), 'touchrole-client-settings-'));
  writeFileSync(join(dir, 'config'), '[default]\nsdk_ua_app_id = from-sdk-read\n');
  process.env['AWS_CONFIG_FILE'] = join(dir, 'config');
  delete process.env['AWS_PROFILE'];
});
afterAll(async () => {
  for (const [name, value] of [
    ['AWS_CONFIG_FILE', saved.config],
    ['AWS_PROFILE', saved.profile],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  userAgents = [];
});

const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' };

describe("the profile's client settings, through the real SDK", () => {
  it("the profile's sdk_ua_app_id is sent, the environment's wins, and the SDK's own file read is not used", async () => {
    const sts = createStsApi({ env: { AWS_ENDPOINT_URL_STS: url }, clock: systemClock });
    await sts.getCallerIdentity({ credentials, clientSettings: { sdk_ua_app_id: 'from-profile' } });
    const fromEnv = createStsApi({ env: { AWS_ENDPOINT_URL_STS: url, AWS_SDK_UA_APP_ID: 'from-env' }, clock: systemClock });
    await fromEnv.getCallerIdentity({ credentials, clientSettings: { sdk_ua_app_id: 'from-profile' } });
    await sts.getCallerIdentity({ credentials, clientSettings: {} });
    expect(userAgents.map((ua) => /app\/(\S+)/.exec(ua)?.[1] ?? null)).toEqual(['from-profile', 'from-env', null]);
  });

  it("without client settings the SDK reads AWS_PROFILE's profile itself (what the settings replace)", async () => {
    const sts = createStsApi({ env: { AWS_ENDPOINT_URL_STS: url }, clock: systemClock });
    await sts.getCallerIdentity({ credentials });
    expect(userAgents[0]).toContain('app/from-sdk-read');
  });

  it("the profile's use_fips_endpoint reaches the SDK, which refuses FIPS with a custom endpoint before sending", async () => {
    const sts = createStsApi({ env: { AWS_ENDPOINT_URL_STS: url }, clock: systemClock });
    await expect(sts.getCallerIdentity({ credentials, clientSettings: { use_fips_endpoint: 'true' } })).rejects.toThrow(/FIPS/);
    expect(userAgents).toEqual([]);
  });
});
