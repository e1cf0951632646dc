// SPDX-License-Identifier: MIT
// The agent lists a touchrole section whose expiry marker a hand edit damaged, flagged as
// unreadable, instead of failing the whole session list (which the tray shows).
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isSessionView } from '../../../src-shared/agent-protocol';
import { systemClock } from '../../../src-shared/time/clock';
import { createServiceAgent } from '../../../src-main/core/service';
import { makeTempUser } from '../../support/cli-harness';
import { FakeKeychain } from '../../support/fake-keychain';
import { FakeSts } from '../../support/fake-sts';

const DAMAGED =
  '[dev-touchrole]\n# managed by touchrole; expires yesterday; touchrole rewrites or removes this section\n' +
  'aws_access_key_id = ASIA1\naws_secret_access_key = s\naws_session_token = t\n';
const user = makeTempUser({ credentials: DAMAGED });
afterAll(() => rmSync(user.home, { recursive: true, force: true }));

describe('agent sessions with a damaged expiry', () => {
  it('lists it as expiry unreadable, a valid wire session', async () => {
    const { backend } = createServiceAgent({ env: user.env, clock: systemClock, keychain: new FakeKeychain(), sts: new FakeSts(systemClock) });
    const sessions = await backend.sessions();
    expect(sessions).toEqual([{ profile: 'dev', writtenProfile: 'dev-touchrole', expiration: '', expiryUnreadable: true }]);
    expect(sessions.every(isSessionView)).toBe(true);
  });
});
