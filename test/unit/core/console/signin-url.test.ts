// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { consoleSigninUrl, openerFor } from '../../../../src-main/core/console';

const creds = { accessKeyId: 'ASIAX', secretAccessKey: 'sek/ret+', sessionToken: 'tok=en', expiration: 0 };

describe('consoleSigninUrl', () => {
  it('asks getSigninToken with the session JSON and builds the login URL', async () => {
    const asked: string[] = [];
    const fetchFake = (async (url: string) => (asked.push(url), new Response(JSON.stringify({ SigninToken: 'TOKEN/1+' })))) as unknown as typeof fetch;
    const url = await consoleSigninUrl(creds, { federationUrl: 'http://127.0.0.1:9/federation', fetch: fetchFake });
    const token = new URL(asked[0] ?? '');
    expect(token.searchParams.get('Action')).toBe('getSigninToken');
    expect(JSON.parse(token.searchParams.get('Session') ?? '')).toEqual({ sessionId: 'ASIAX', sessionKey: 'sek/ret+', sessionToken: 'tok=en' });
    const login = new URL(url);
    expect(login.origin + login.pathname).toBe('http://127.0.0.1:9/federation');
    expect(Object.fromEntries(login.searchParams)).toEqual({
      Action: 'login',
      Issuer: 'touchrole',
      Destination: 'https://console.aws.amazon.com/',
      SigninToken: 'TOKEN/1+',
    });
  });

  it('a refused session is a clear error', async () => {
    const fetchFake = (async () => new Response('denied', { status: 400 })) as unknown as typeof fetch;
    await expect(consoleSigninUrl(creds, { fetch: fetchFake })).rejects.toMatchObject({ code: 'sts-access-denied' });
  });

  it('opens with xdg-open, open or start', () => {
    expect(openerFor('linux').cmd).toBe('xdg-open');
    expect(openerFor('darwin').cmd).toBe('open');
    expect(openerFor('win32').args('https://x/?a=1&b=2')).toEqual(['/c', 'start', '""', 'https://x/?a=1^&b=2']);
  });
});
