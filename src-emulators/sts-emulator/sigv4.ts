// SPDX-License-Identifier: MIT
// AWS Signature Version 4 as a verifier sees it: rebuild the canonical request from what arrived
// on the wire, derive the signing key from the secret the emulator knows, compare signatures.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  date: string; // YYYYMMDD
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** A request as received: header names in any case, values as sent (repeats kept in order). */
export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as on the request line, e.g. `/` or `/?Action=ListUsers&Version=2010-05-08`. */
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array;
}

/** Parses the header; undefined when it is not a well-formed SigV4 header. */
export function parseAuthorization(header: string): SigV4Authorization | undefined {
  if (!header.startsWith(`${SIGV4_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(SIGV4_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const scope = (fields.get('Credential') ?? '').split('/');
  const [accessKeyId, date, region, service, terminator] = scope;
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (scope.length !== 5 || terminator !== 'aws4_request' || !accessKeyId || !date || !region || !service) return undefined;
  if (!signedHeaders || !signature) return undefined;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Uint8Array | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 percent-encoding as SigV4 wants it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeQueryComponent(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

function canonicalPath(path: string): string {
  // Each segment re-encoded once from its decoded form, so equivalent spellings agree.
  const encoded = path
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
  return encoded === '' ? '/' : encoded;
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs = query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const name = eq < 0 ? p : p.slice(0, eq);
      const value = eq < 0 ? '' : p.slice(eq + 1);
      return [uriEncode(decodeQueryComponent(name)), uriEncode(decodeQueryComponent(value))] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

function canonicalHeaders(headers: ReceivedRequest['headers'], signed: readonly string[]): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), value.trim().replace(/\s+/g, ' ')]);
  }
  return signed.map((name) => `${name}:${(byName.get(name) ?? []).join(',')}\n`).join('');
}

/** The SigV4 canonical request. The payload hash is always computed from the body received. */
export function canonicalRequest(req: ReceivedRequest, signedHeaders: readonly string[]): string {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = q < 0 ? '' : req.url.slice(q + 1);
  return [
    req.method.toUpperCase(),
    canonicalPath(path),
    canonicalQuery(query),
    canonicalHeaders(req.headers, signedHeaders),
    signedHeaders.join(';'),
    sha256Hex(req.body),
  ].join('\n');
}

export function stringToSign(amzDate: string, auth: SigV4Authorization, canonical: string): string {
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  return [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secretAccessKey: string, auth: SigV4Authorization): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, auth.date);
  return hmac(hmac(hmac(kDate, auth.region), auth.service), 'aws4_request');
}

/** The hex signature a client holding `secretAccessKey` would have sent for this request. */
export function expectedSignature(req: ReceivedRequest, auth: SigV4Authorization, secretAccessKey: string): string {
  const amzDate = headerValue(req, 'x-amz-date') ?? '';
  const toSign = stringToSign(amzDate, auth, canonicalRequest(req, auth.signedHeaders));
  return hmac(signingKey(secretAccessKey, auth), toSign).toString('hex');
}

export function headerValue(req: ReceivedRequest, name: string): string | undefined {
  return req.headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/**
 * True when the signature matches. Also requires what AWS requires of the signed set: host and
 * x-amz-date are signed, x-amz-security-token (when sent) is signed, and the scope date is the
 * request's date. Request-time skew is not checked: the emulator's clock may be moved by tests.
 */
export function signatureMatches(req: ReceivedRequest, auth: SigV4Authorization, secretAccessKey: string): boolean {
  const amzDate = headerValue(req, 'x-amz-date');
  if (amzDate === undefined || !amzDate.startsWith(auth.date)) return false;
  const mustSign = ['host', 'x-amz-date', ...(headerValue(req, 'x-amz-security-token') === undefined ? [] : ['x-amz-security-token'])];
  if (mustSign.some((h) => !auth.signedHeaders.includes(h))) return false;
  const expected = Buffer.from(expectedSignature(req, auth, secretAccessKey));
  const given = Buffer.from(auth.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
