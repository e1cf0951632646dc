// SPDX-License-Identifier: MIT
// `touchrole demo` as the README runs it: the whole flow, the AWS CLI v2 using the written profile,
// and nothing written outside the demo's temporary HOME.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempUser, runTouchrole } from '../../support/cli-harness';

interface Report {
  aws: string;
  writtenProfile: string;
  roleArn: string;
  awsCli: { arn: string } | null;
  secondsLeft: number;
  home: string | null;
}

describe('touchrole demo', () => {
  it.each([
    ['--builtin', 'built-in emulator'],
    ['', 'moto_server'],
  ])('runs end to end (%s)', async (flag, backend) => {
    const user = makeTempUser();
    const r = await runTouchrole(['demo', '--json', ...(flag ? [flag] : [])], user.env);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.aws).toBe(backend);
    expect(report.writtenProfile).toBe('demo-admin-touchrole');
    expect(report.awsCli?.arn).toMatch(/:assumed-role\/DemoAdmin\//);
    expect(report.secondsLeft).toBeGreaterThan(3500);
    expect(report.home).toBeNull();
    expect(r.stderr).toContain('Touch your YubiKey');
    // The user's own HOME is untouched: no credentials written there.
    expect(readdirSync(user.awsDir)).toEqual([]);
    expect(existsSync(join(user.home, '.config'))).toBe(false);
  });
});
