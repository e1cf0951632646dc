// SPDX-License-Identifier: MIT
// The AWS Query errors the emulator answers with: the codes, HTTP statuses and message texts
// that STS and IAM return, so clients (and touchrole's error mapping) see what AWS would send.

/** An error to be rendered as an AWS Query `<ErrorResponse>`. */
export class AwsQueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'AwsQueryError';
  }
}

export const missingAuthentication = (): AwsQueryError => new AwsQueryError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);

export const incompleteSignature = (detail: string): AwsQueryError => new AwsQueryError('IncompleteSignature', detail, 400);

export const invalidClientTokenId = (): AwsQueryError =>
  new AwsQueryError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);

export const signatureDoesNotMatch = (): AwsQueryError =>
  new AwsQueryError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. ' +
      'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    403,
  );

export const expiredToken = (): AwsQueryError => new AwsQueryError('ExpiredToken', 'The security token included in the request is expired', 400);

export const accessDenied = (message: string): AwsQueryError => new AwsQueryError('AccessDenied', message, 403);

export const notAuthorized = (callerArn: string, action: string, resource: string): AwsQueryError =>
  accessDenied(`User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`);

// AWS answers a wrong code and a code already used with the same text (trailing space included).
export const invalidMfaCode = (): AwsQueryError => accessDenied('MultiFactorAuthentication failed with invalid MFA one time pass code. ');

export const unknownMfaSerial = (): AwsQueryError =>
  accessDenied('MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.');

export const validationError = (message: string): AwsQueryError => new AwsQueryError('ValidationError', message, 400);

/** The "1 validation error detected" text STS uses for a member that breaks a constraint. */
export const constraintViolation = (value: string | null, member: string, constraint: string): AwsQueryError =>
  validationError(`1 validation error detected: Value ${value === null ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`);

export const noSuchEntity = (message: string): AwsQueryError => new AwsQueryError('NoSuchEntity', message, 404);

export const entityAlreadyExists = (message: string): AwsQueryError => new AwsQueryError('EntityAlreadyExists', message, 409);

export const limitExceeded = (message: string): AwsQueryError => new AwsQueryError('LimitExceeded', message, 409);

export const deleteConflict = (message: string): AwsQueryError => new AwsQueryError('DeleteConflict', message, 409);

export const invalidAuthenticationCode = (): AwsQueryError =>
  new AwsQueryError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', 403);

export const invalidAction = (action: string, version: string): AwsQueryError =>
  new AwsQueryError('InvalidAction', `Could not find operation ${action} for version ${version}`, 400);
