// SPDX-License-Identifier: MIT
/**
 * Finding the credential a user (or an AWS profile's mfa_serial) means. Order: exact id,
 * the AWS MFA ARN inside the id, "issuer:name" or name (case-insensitive), then a unique
 * case-insensitive substring, as ykman's `oath accounts code QUERY` does.
 */
import { TouchroleError } from '../../../src-shared/errors';
import { awsMfaArnIn } from '../../../src-shared/oath-codec';
import { noSuchCredentialError } from './oath-errors';

interface Named {
  id: string;
  issuer: string | undefined;
  name: string;
}

export function matchCredential<T extends Named>(credentials: readonly T[], query: string): T {
  const q = query.toLowerCase();
  const passes: Array<(c: T) => boolean> = [
    (c) => c.id === query,
    (c) => awsMfaArnIn(c.id) === query,
    (c) => (c.issuer ? `${c.issuer}:${c.name}` : c.name).toLowerCase() === q || c.name.toLowerCase() === q,
    (c) => c.id.toLowerCase().includes(q),
  ];
  for (const pass of passes) {
    const hits = credentials.filter(pass);
    const [only] = hits;
    if (hits.length === 1 && only) return only;
    if (hits.length > 1) {
      throw new TouchroleError('oath-ambiguous-credential', `"${query}" matches ${hits.length} credentials: ${hits.map((c) => c.id).join(', ')}`, {
        hint: 'use the full credential name shown by `touchrole yubikey list`',
      });
    }
  }
  throw noSuchCredentialError(query);
}
