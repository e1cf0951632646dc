// SPDX-License-Identifier: MIT
// The container-credentials endpoint of `touchrole exec --server`: what every AWS SDK and the CLI
// read from AWS_CONTAINER_CREDENTIALS_FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN as the
// Authorization header. Loopback only; the token is compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionCredentials } from './child-env';

export const CREDENTIALS_PATH = '/touchrole/credentials';

export interface CredentialsServerOptions {
  /** The credentials to serve now; undefined when the session expired and could not be renewed. */
  current(): (SessionCredentials & { roleArn?: string }) | undefined;
  /** For tests; default 32 random bytes, base64url. */
  token?: string;
}

export interface CredentialsServer {
  url: string;
  token: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

export async function startCredentialsServer(o: CredentialsServerOptions): Promise<CredentialsServer> {
  const token = o.token ?? randomBytes(32).toString('base64url');
  const expected = digest(token);
  let port = 0;
  const server = createServer((req, res) => {
    const status = check(req, expected, port);
    const refusal = REFUSALS.get(status);
    if (refusal !== undefined) return reply(res, status, refusal);
    const c = o.current();
    if (c === undefined)
      return reply(res, 503, { code: 'session-expired', message: 'the session expired and touchrole could not renew it (see its terminal)' });
    return reply(res, 200, {
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      Token: c.sessionToken,
      Expiration: new Date(c.expiration).toISOString(),
      ...(c.roleArn === undefined ? {} : { RoleArn: c.roleArn }),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${CREDENTIALS_PATH}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const REFUSALS = new Map<number, { code: string; message: string }>([
  [401, { code: 'unauthorized', message: 'an Authorization header is required' }],
  [403, { code: 'forbidden', message: 'wrong authorization token or host' }],
  [404, { code: 'not-found', message: `credentials are served at ${CREDENTIALS_PATH}` }],
  [405, { code: 'method-not-allowed', message: 'only GET is served' }],
]);

/** 200, or the status to refuse with. The token first: nothing else is told to a caller without it. */
function check(req: IncomingMessage, expected: Buffer, port: number): number {
  const auth = req.headers.authorization;
  if (auth === undefined || auth === '') return 401;
  // Digests have one length, so timingSafeEqual never throws and the length is not leaked.
  if (!timingSafeEqual(digest(auth), expected)) return 403;
  // A page in a browser that rebinds a name to 127.0.0.1 sends its own Host.
  const host = req.headers.host;
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return 403;
  if (req.method !== 'GET') return 405;
  return (req.url ?? '').split('?')[0] === CREDENTIALS_PATH ? 200 : 404;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
