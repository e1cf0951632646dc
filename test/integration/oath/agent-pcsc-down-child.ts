// SPDX-License-Identifier: MIT
/** Run with PCSCLITE_CSOCK_NAME pointing nowhere: an agent on argv[2]'s socket, over the real PC/SC binding. */
import { systemClock } from '../../../src-shared/time/clock';
import { runAgent } from '../../../src-main/core/agent';
import { FakeKeychain } from '../../support/fake-keychain';
import { createServiceAgent } from '../../../src-main/core/service';
import { FakeSts } from '../../support/fake-sts';

const socketPath = process.argv[2] ?? '';
const { backend } = createServiceAgent({ env: process.env, clock: systemClock, keychain: new FakeKeychain(), sts: new FakeSts(systemClock) });
runAgent({ backend, clock: systemClock, socketPath }).then(
  () => process.stdout.write('listening\n'),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
