// SPDX-License-Identifier: MIT
// The loopback container-credentials endpoint over real HTTP: what it serves, whom it refuses, and that it is gone once closed.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_PATH, startCredentialsServer, type SessionCredentials } from '../../../src-main/core/delivery';

const creds: SessionCredentials & { roleArn: string } = {
  accessKeyId: 'ASIAX',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: Date.parse('2026-12-02T21:00:00Z'),
  roleArn: 'arn:aws:iam::1:role/R',
};

function get(
  url: string,
  o: { auth?: string; host?: string; method?: string; path?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(o.auth === undefined ? {} : { Authorization: o.auth }), ...(o.host === undefined ? {} : { Host: o.host }) };
    const req = request({ host: '127.0.0.1', port: u.port, path: o.path ?? u.pathname, method: o.method ?? 'GET', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the credentials endpoint', () => {
  it('binds 127.0.0.1 with a 32-byte random token, and serves the container-credentials format', async () => {
    const server = await startCredentialsServer({ current: () => creds });
    try {
      expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${CREDENTIALS_PATH}$`));
      expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
      const r = await get(server.url, { auth: server.token });
      expect(r).toEqual({
        status: 200,
        body: { AccessKeyId: 'ASIAX', SecretAccessKey: 'secret', Token: 'token', Expiration: '2026-12-02T21:00:00.000Z', RoleArn: 'arn:aws:iam::1:role/R' },
      });
    } finally {
      await server.close();
    }
  });

  it('refuses without a token (401), with a wrong one or a foreign Host (403), elsewhere (404), other methods (405)', async () => {
    const server = await startCredentialsServer({ current: () => creds, token: 'right-token' });
    try {
      expect((await get(server.url)).status).toBe(401);
      for (const auth of ['wrong-token', 'right-toke', 'right-token-', ''])
        expect((await get(server.url, { auth })).status, auth).toBe(auth === '' ? 401 : 403);
      const rebound = await get(server.url, { auth: 'right-token', host: `evil.example:${new URL(server.url).port}` });
      expect(rebound.status).toBe(403);
      expect((await get(server.url, { auth: 'right-token', path: '/other' })).status).toBe(404);
      expect((await get(server.url, { auth: 'right-token', method: 'POST' })).status).toBe(405);
      // A refusal tells nothing of the session.
      expect(JSON.stringify((await get(server.url, { auth: 'wrong-token' })).body)).not.toContain('ASIAX');
    } finally {
      await server.close();
    }
  });

  it('answers 503 once the session expired without a renewal', async () => {
    const server = await startCredentialsServer({ current: () => undefined, token: 't' });
    try {
      const r = await get(server.url, { auth: 't' });
      expect(r.status).toBe(503);
      expect(r.body['code']).toBe('session-expired');
    } finally {
      await server.close();
    }
  });

  it('is gone after close, even with a connection kept alive', async () => {
    const server = await startCredentialsServer({ current: () => creds, token: 't' });
    const r = await fetch(server.url, { headers: { Authorization: 't', Connection: 'keep-alive' } });
    expect(r.status).toBe(200);
    await server.close();
    await expect(fetch(server.url, { headers: { Authorization: 't' } })).rejects.toThrow();
  });
});
