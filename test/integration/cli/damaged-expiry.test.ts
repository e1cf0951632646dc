// SPDX-License-Identifier: MIT
// A hand edit that damages the expiry in a touchrole section's marker: `status` shows it as
// unreadable (no crash), `clean` removes the section and keeps everything else.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempUser, runTouchrole } from '../../support/cli-harness';

const USER = '# mine\n[user]\nregion = eu-west-1\n';
const DAMAGED =
  '[dev-touchrole]\n# managed by touchrole; expires 2026-13-45T99:00; touchrole rewrites or removes this section\n' +
  'aws_access_key_id = ASIA1\naws_secret_access_key = s\naws_session_token = t\n';
const user = makeTempUser({ credentials: `${USER}\n${DAMAGED}` });
afterAll(() => rmSync(user.home, { recursive: true, force: true }));

describe('a damaged expiry in a touchrole section', () => {
  it('status shows it as "expiry unreadable", in text and JSON', async () => {
    const text = await runTouchrole(['status'], user.env);
    expect(text, text.stderr).toMatchObject({ code: 0 });
    expect(text.stdout).toMatch(/dev-touchrole +expiry unreadable .*touchrole clean/);
    const json = await runTouchrole(['status', '--json'], user.env);
    expect(json, json.stderr).toMatchObject({ code: 0 });
    expect((JSON.parse(json.stdout) as { sessions: unknown[] }).sessions).toEqual([
      { profile: 'dev', writtenProfile: 'dev-touchrole', expiration: null, secondsLeft: null, expired: null, expiryUnreadable: true },
    ]);
  });

  it('clean removes it and leaves every other byte', async () => {
    const r = await runTouchrole(['clean'], user.env);
    expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('dev-touchrole');
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).toBe(USER);
    expect((await runTouchrole(['status'], user.env)).stdout).toMatch(/No touchrole sessions/);
  });
});
