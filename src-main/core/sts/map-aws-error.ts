// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/time/clock';
import { formatDuration } from '../../../src-shared/time/duration';
import type { AwsService } from './client-config';

export interface ErrorContext {
  service: AwsService;
  /** The API operation, e.g. "AssumeRole". */
  operation: string;
  clock: Clock;
}

/** Skew beyond which AWS rejects a signature (5 minutes), and beyond which we say so. */
const SKEW_LIMIT_MS = 5 * 60_000;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const BAD_KEYS = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'InvalidAccessKeyId']);
const SKEW_CODES = new Set(['RequestExpired', 'RequestTimeTooSkewed', 'RequestInTheFuture', 'SignatureDoesNotMatch', 'InvalidSignatureException']);

interface ErrorFacts {
  name: string;
  message: string;
  status: number | undefined;
  serverDate: number | undefined;
  errno: string | undefined;
}

/**
 * Translates anything an SDK call throws into one TouchroleError. The AWS message is kept
 * (it names the principal and action, which is what the user needs) but squeezed to one line;
 * no request data, so no keys or codes, is ever part of it.
 */
export function mapAwsError(error: unknown, ctx: ErrorContext): TouchroleError {
  if (error instanceof TouchroleError) return error;
  const f = facts(error);
  const call = `${ctx.service} ${ctx.operation}`;
  const aws = oneLine(f.message);

  if (f.name === 'AbortError') return new TouchroleError('cancelled', `${call} was cancelled`);
  if (f.errno !== undefined && NETWORK_CODES.has(f.errno)) {
    return new TouchroleError('sts-network', `Cannot reach AWS ${ctx.service} (${f.errno})`, {
      hint: 'Check your network connection, VPN or proxy, and any AWS_ENDPOINT_URL setting.',
      cause: error,
    });
  }
  if (f.name === 'TimeoutError' || f.errno === 'ETIMEDOUT' || /timed? ?out/i.test(f.name)) {
    return new TouchroleError('sts-network', `AWS ${ctx.service} did not answer in time`, {
      hint: 'Check your network connection, VPN or proxy.',
      cause: error,
    });
  }

  const skew = f.serverDate === undefined ? undefined : ctx.clock.now() - f.serverDate;
  if (skew !== undefined && Math.abs(skew) > SKEW_LIMIT_MS && (SKEW_CODES.has(f.name) || /expired|skew/i.test(aws))) {
    const by = formatDuration(Math.round(Math.abs(skew) / 1000));
    return new TouchroleError('sts-clock-skew', `Your clock is ${by} ${skew > 0 ? 'ahead of' : 'behind'} AWS time, so ${call} was refused`, {
      hint: 'Turn on automatic time synchronisation (NTP) and try again.',
      cause: error,
    });
  }
  if (/MultiFactorAuthentication failed/i.test(aws) || /invalid MFA/i.test(aws)) {
    return new TouchroleError('sts-invalid-mfa', `AWS rejected the MFA code for ${call}`, {
      hint: 'Each code is accepted once; check that mfa_serial names the MFA device whose seed is on the YubiKey.',
      cause: error,
    });
  }
  if (f.name === 'ExpiredToken' || f.name === 'ExpiredTokenException') {
    return new TouchroleError('sts-expired-token', `The session used for ${call} has expired`, {
      hint: 'Elevate again to get a fresh session.',
      cause: error,
    });
  }
  if (BAD_KEYS.has(f.name)) {
    return new TouchroleError('sts-invalid-keys', `AWS does not accept the access key used for ${call} (${f.name})`, {
      hint: 'The key may be deleted, inactive or mistyped: store the current key with `touchrole keys add <profile>`.',
      cause: error,
    });
  }
  if (f.name === 'RequestExpired') {
    return new TouchroleError('sts-clock-skew', `${call} was refused as expired: ${aws}`, {
      hint: 'Check that your clock is set correctly (NTP).',
      cause: error,
    });
  }
  if (f.name === 'AccessDenied' || f.name === 'AccessDeniedException') {
    return new TouchroleError('sts-access-denied', `Access denied for ${call}: ${aws}`, {
      hint: 'Check the role trust policy (principal, MFA and ExternalId conditions) and your IAM permissions.',
      cause: error,
    });
  }
  if (f.name === 'ValidationError' && /DurationSeconds|MaxSessionDuration/i.test(aws)) {
    return new TouchroleError('duration-invalid', `${call}: ${aws}`, {
      hint: "Ask for a shorter duration, or raise the role's maximum session duration in IAM.",
      cause: error,
    });
  }
  const code = f.name && f.name !== 'Error' ? f.name : `HTTP ${f.status ?? '?'}`;
  return new TouchroleError(ctx.service === 'IAM' ? 'iam-error' : 'sts-error', `${call} failed (${code}): ${aws || 'no message'}`, {
    cause: error,
  });
}

function facts(error: unknown): ErrorFacts {
  const o = isRecord(error) ? error : {};
  const meta = isRecord(o['$metadata']) ? o['$metadata'] : {};
  const response = isRecord(o['$response']) ? o['$response'] : {};
  const headers = isRecord(response['headers']) ? response['headers'] : {};
  const date = headers['date'] ?? headers['Date'];
  const parsed = typeof date === 'string' ? Date.parse(date) : NaN;
  return {
    name: typeof o['name'] === 'string' ? o['name'] : typeof o['Code'] === 'string' ? o['Code'] : '',
    message: typeof o['message'] === 'string' ? o['message'] : String(error),
    status: typeof meta['httpStatusCode'] === 'number' ? meta['httpStatusCode'] : undefined,
    serverDate: Number.isNaN(parsed) ? undefined : parsed,
    errno: errnoOf(o),
  };
}

/** Node puts the errno code on the error, or on its cause, or (AggregateError) on an inner error. */
function errnoOf(o: Record<string, unknown>, depth = 0): string | undefined {
  if (typeof o['code'] === 'string' && /^E[A-Z_]+$/.test(o['code'])) return o['code'];
  if (depth > 3) return undefined;
  if (isRecord(o['cause'])) return errnoOf(o['cause'], depth + 1);
  const inner = o['errors'];
  if (Array.isArray(inner)) {
    for (const e of inner) if (isRecord(e)) return errnoOf(e, depth + 1);
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
