// SPDX-License-Identifier: MIT
// `touchrole console --print` as a user runs it: the built CLI elevates against the built-in STS
// emulator and trades the role session for a sign-in token at the emulator's federation endpoint
// (TOUCHROLE_FEDERATION_URL). The printed login URL is then redeemed there, as the browser would.
// Run (after `npm run build`):
//   bash scripts/with-keyring.sh npx vitest run test/integration/console
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStsEmulator, type StsEmulator } from '../../../src-emulators/sts-emulator';
import { makeTempUser, runTouchrole, type TempUser } from '../../support/cli-harness';

const ROLE = 'arn:aws:iam::123456789012:role/Ops';
const CONFIG = `[profile dev]\nregion = us-east-1\n\n[profile ops]\nrole_arn = ${ROLE}\nsource_profile = dev\nregion = us-east-1\n`;

let emulator: StsEmulator;
let user: TempUser;
let federationUrl: string;

beforeAll(async () => {
  emulator = await startStsEmulator({ host: '127.0.0.1' });
  const dev = emulator.addUser({ userName: 'carol' });
  emulator.addRole({ roleArn: ROLE });
  federationUrl = `${emulator.url}/federation`;
  user = makeTempUser(
    { config: CONFIG, credentials: `[dev]\naws_access_key_id = ${dev.accessKeyId}\naws_secret_access_key = ${dev.secretAccessKey}\n` },
    {
      AWS_ENDPOINT_URL_STS: emulator.url,
      AWS_ENDPOINT_URL_IAM: emulator.url,
      TOUCHROLE_FEDERATION_URL: federationUrl,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  );
});

afterAll(async () => {
  await emulator?.stop();
});

/** The browser's first request: the federation endpoint answers a valid token with a redirect. */
async function redeem(url: string): Promise<{ status: number; location: string | null }> {
  const r = await fetch(url, { redirect: 'manual' });
  return { status: r.status, location: r.headers.get('location') };
}

describe('touchrole console --print', () => {
  it('prints the login URL with the sign-in token the federation endpoint issued for the role session', async () => {
    const r = await runTouchrole(['console', 'ops', '--print', '--json'], user.env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { profile: string; url: string };
    expect(out.profile).toBe('ops');
    const url = new URL(out.url);
    expect(`${url.origin}${url.pathname}`).toBe(federationUrl);
    expect([...url.searchParams.keys()].sort()).toEqual(['Action', 'Destination', 'Issuer', 'SigninToken']);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe('touchrole');
    expect(url.searchParams.get('Destination')).toBe('https://console.aws.amazon.com/');
    expect(url.searchParams.get('SigninToken')).toMatch(/^[\w-]{200,}$/);
    // Only a token the endpoint handed out signs in.
    expect(await redeem(out.url)).toEqual({ status: 302, location: 'https://console.aws.amazon.com/' });
    const forged = new URL(out.url);
    forged.searchParams.set('SigninToken', `${url.searchParams.get('SigninToken') ?? ''}x`);
    expect((await redeem(forged.toString())).status).toBe(400);
  });

  it('prints only the URL in text mode', async () => {
    const r = await runTouchrole(['console', 'ops', '--print'], user.env);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${federationUrl}\\?Action=login&`));
    expect((await redeem(lines[0] ?? '')).status).toBe(302);
  });

  it('a profile without a role: the endpoint refuses GetSessionToken credentials and touchrole says so in one line', async () => {
    const r = await runTouchrole(['console', 'dev', '--print'], user.env);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')[0]).toMatch(/federation endpoint refused the session \(HTTP 400\)/);
  });

  it('the endpoint refuses credentials it did not issue', async () => {
    const session = JSON.stringify({ sessionId: 'ASIAEXAMPLEEXAMPLE00', sessionKey: 'x'.repeat(40), sessionToken: 'token' });
    const r = await fetch(`${federationUrl}?Action=getSigninToken&SessionDuration=3600&Session=${encodeURIComponent(session)}`);
    expect(r.status).toBe(400);
    const bad = await fetch(`${federationUrl}?Action=getSigninToken&SessionDuration=60&Session=${encodeURIComponent(session)}`);
    expect(await bad.text()).toMatch(/SessionDuration/);
  });
});
