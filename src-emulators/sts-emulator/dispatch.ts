// SPDX-License-Identifier: MIT
// One AWS Query request in, one XML response out: pick the service by Version, authenticate,
// run the action, render the result or the error as STS and IAM do.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src-shared/time/clock';
import type { ActionHandler } from './action-context';
import { authenticate } from './authenticate';
import { AwsQueryError, invalidAction, invalidClientTokenId } from './aws-errors';
import type { Directory } from './directory';
import { IAM_ACTIONS } from './iam-actions';
import { errorXml, IAM_VERSION, IAM_XMLNS, queryParams, STS_VERSION, STS_XMLNS, successXml } from './query-xml';
import { headerValue, type ReceivedRequest } from './sigv4';
import { STS_ACTIONS } from './sts-actions';

export interface QueryResponse {
  status: number;
  body: string;
  requestId: string;
  /** Set when the emulator itself failed (a bug): the response is then a 500 InternalFailure. */
  internalError?: unknown;
}

interface Service {
  name: 'sts' | 'iam';
  xmlns: string;
  actions: ReadonlyMap<string, ActionHandler>;
}

const STS: Service = { name: 'sts', xmlns: STS_XMLNS, actions: STS_ACTIONS };
const IAM: Service = { name: 'iam', xmlns: IAM_XMLNS, actions: IAM_ACTIONS };

function run(req: ReceivedRequest, service: Service, params: Map<string, string>, directory: Directory, clock: Clock): string | null {
  const action = params.get('Action');
  if (action === undefined) throw new AwsQueryError('MissingAction', 'Missing Action', 400);
  const principal = authenticate(req, service.name, directory, clock);
  const version = params.get('Version') ?? '';
  const handler = version === STS_VERSION || version === IAM_VERSION ? service.actions.get(action) : undefined;
  if (handler === undefined) throw invalidAction(action, version);
  // IAM refuses session credentials that were obtained without MFA.
  if (service === IAM && principal.kind === 'user' && principal.session?.mfaAuthenticated === false) {
    throw invalidClientTokenId();
  }
  return handler({ params, principal, directory, clock });
}

export function handleQueryRequest(req: ReceivedRequest, directory: Directory, clock: Clock): QueryResponse {
  const requestId = randomUUID();
  const formBody = (headerValue(req, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  const params = queryParams(req.url, Buffer.from(req.body).toString('utf8'), formBody);
  const service = params.get('Version') === IAM_VERSION ? IAM : STS;
  try {
    const result = run(req, service, params, directory, clock);
    return { status: 200, body: successXml(params.get('Action') ?? '', service.xmlns, result, requestId), requestId };
  } catch (e) {
    if (e instanceof AwsQueryError) {
      return { status: e.status, body: errorXml(service.xmlns, e.code, e.message, e.status, requestId), requestId };
    }
    // A bug in the emulator: answer as AWS does for its own failures, and keep serving.
    const message = 'The request processing has failed because of an unknown error, exception or failure.';
    return { status: 500, body: errorXml(service.xmlns, 'InternalFailure', message, 500, requestId), requestId, internalError: e };
  }
}
