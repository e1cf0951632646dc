// SPDX-License-Identifier: MIT
// The AWS sign-in federation endpoint (https://signin.aws.amazon.com/federation), as far as console
// sign-in uses it: getSigninToken trades a role session for a sign-in token, login redeems it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../src-shared/time/clock';
import type { Directory, SessionRecord } from './directory';

/** AWS sign-in tokens are good for 15 minutes. */
const SIGNIN_TOKEN_TTL_MS = 15 * 60_000;
const MIN_SESSION_DURATION = 900;
const MAX_SESSION_DURATION = 43_200;

export const FEDERATION_PATH = '/federation';

export interface FederationAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface IssuedToken {
  expiresAt: number;
  accessKeyId: string;
}

const plain = (status: number, body: string): FederationAnswer => ({ status, headers: { 'content-type': 'text/plain' }, body });

function sameText(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The `Session` parameter's three fields, or undefined when it is not that JSON object. */
function parseSession(raw: string | null): { sessionId: string; sessionKey: string; sessionToken: string } | undefined {
  if (raw === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { sessionId, sessionKey, sessionToken } = value as Record<string, unknown>;
  if (typeof sessionId !== 'string' || typeof sessionKey !== 'string' || typeof sessionToken !== 'string') return undefined;
  return { sessionId, sessionKey, sessionToken };
}

export class FederationEndpoint {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  /** Answers a GET on FEDERATION_PATH; `url` is the request target (path and query). */
  handle(method: string, url: string): FederationAnswer {
    if (method !== 'GET') return plain(405, 'Method Not Allowed');
    const params = new URL(url, 'http://emulator').searchParams;
    const action = params.get('Action');
    if (action === 'getSigninToken') return this.getSigninToken(params);
    if (action === 'login') return this.login(params);
    return plain(400, 'Unsupported Action');
  }

  private getSigninToken(params: URLSearchParams): FederationAnswer {
    const duration = params.get('SessionDuration');
    if (duration !== null && (!/^\d+$/.test(duration) || Number(duration) < MIN_SESSION_DURATION || Number(duration) > MAX_SESSION_DURATION)) {
      return plain(400, `SessionDuration must be ${MIN_SESSION_DURATION}..${MAX_SESSION_DURATION} seconds`);
    }
    const presented = parseSession(params.get('Session'));
    if (presented === undefined) return plain(400, 'Session must be JSON with sessionId, sessionKey and sessionToken');
    const session = this.directory.sessions.get(presented.sessionId);
    if (session === undefined || !sameText(session.secretAccessKey, presented.sessionKey) || !sameText(session.sessionToken, presented.sessionToken)) {
      return plain(400, 'The session credentials are not valid');
    }
    if (this.clock.now() >= session.expiration) return plain(400, 'The session credentials have expired');
    // AWS signs in role (and federated) sessions only; GetSessionToken credentials are refused.
    if (!isRoleSession(session)) return plain(400, 'GetSessionToken credentials cannot be used for console sign-in');
    const token = randomBytes(192).toString('base64url');
    this.tokens.set(token, { expiresAt: this.clock.now() + SIGNIN_TOKEN_TTL_MS, accessKeyId: session.accessKeyId });
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ SigninToken: token }) };
  }

  /** Redeems a token: a redirect to Destination, as the console does once it has signed the user in. */
  private login(params: URLSearchParams): FederationAnswer {
    const token = params.get('SigninToken') ?? '';
    const destination = params.get('Destination');
    const issued = this.tokens.get(token);
    if (issued === undefined || this.clock.now() >= issued.expiresAt) return plain(400, 'The sign-in token is not valid or has expired');
    if (destination === null || !/^https:\/\//.test(destination)) return plain(400, 'Destination must be an https URL');
    return { status: 302, headers: { location: destination }, body: '' };
  }
}

function isRoleSession(session: SessionRecord): boolean {
  return session.subject.kind === 'role';
}
