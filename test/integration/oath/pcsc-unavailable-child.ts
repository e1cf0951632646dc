// SPDX-License-Identifier: MIT
/** Run with PCSCLITE_CSOCK_NAME pointing nowhere: prints the error code touchrole reports. */
import { isTouchroleError } from '../../../src-shared/errors';
import { PcscReaders } from '../../../src-main/core/transport/pcsc';

new PcscReaders().listReaders().then(
  (readers) => process.stdout.write(JSON.stringify({ readers })),
  (e: unknown) => process.stdout.write(JSON.stringify(isTouchroleError(e) ? { code: e.code, message: e.message, hint: e.hint } : { other: String(e) })),
);
