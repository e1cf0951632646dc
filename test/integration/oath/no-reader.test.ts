// SPDX-License-Identifier: MIT
/**
 * No smart-card reader at all, on a real pcscd: the shared pcscd always has the vpcd readers, so
 * these commands run in a private mount namespace (unshare, needs root) where a pcscd of their own,
 * with an empty reader configuration, owns /run/pcscd. The shared pcscd is not touched.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempUser, REPO, TOUCHROLE_BIN, type CliRun } from '../../support/cli-harness';

const isRoot = process.getuid?.() === 0;
if (!isRoot) {
  console.error('SKIPPED "no reader at all" tests: they need root for a private mount namespace (unshare -m); CI runs them as root');
}

const dir = mkdtempSync(join(tmpdir(), 'touchrole-noreader-'));
const emptyReaderConf = join(dir, 'reader.conf');
writeFileSync(emptyReaderConf, '');
const user = makeTempUser({
  config:
    '[profile dev]\nregion = us-east-1\n\n' +
    '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n',
  credentials: '[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n',
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(user.home, { recursive: true, force: true });
});

// Inside the namespace: a tmpfs over /run/pcscd, pcscd with no readers, the command, then pcscd ends.
const IN_NAMESPACE = `
set -e
mkdir -p /run/pcscd
mount -t tmpfs tmpfs /run/pcscd
pcscd -f -c "$1" >/dev/null 2>&1 & pcscd=$!
shift
i=0
while [ ! -S /run/pcscd/pcscd.comm ]; do
  i=$((i + 1)); if [ $i -gt 200 ]; then echo "pcscd did not start" >&2; kill $pcscd; exit 97; fi; sleep 0.05
done
set +e
"$@"; rc=$?
kill $pcscd; wait $pcscd 2>/dev/null
exit $rc
`;

function runWithoutReaders(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'unshare',
      ['-m', '--propagation', 'private', 'sh', '-c', IN_NAMESPACE, 'sh', emptyReaderConf, process.execPath, TOUCHROLE_BIN, ...args],
      {
        env: user.env,
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe.skipIf(!isRoot)('no smart-card reader at all (real pcscd without readers)', () => {
  it('yubikey list says no YubiKey was found and how to fix it', async () => {
    const text = await runWithoutReaders(['yubikey', 'list']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('No YubiKey found: insert it or check that its CCID interface is enabled');
    const json = await runWithoutReaders(['yubikey', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ keys: [] });
  });

  it('yubikey code and elevate fail in one line with the insert / CCID advice, writing nothing', async () => {
    const code = await runWithoutReaders(['yubikey', 'code', 'alice']);
    expect(code.code).toBe(1);
    expect(code.stderr).toMatch(/YubiKey not found: insert it or check that its CCID interface is enabled/);
    const before = readFileSync(join(user.awsDir, 'credentials'), 'utf8');
    const elevate = await runWithoutReaders(['elevate', 'admin']);
    expect(elevate.code).toBe(1);
    expect(elevate.stderr).toMatch(/YubiKey not found/);
    expect(elevate.stderr).not.toMatch(/secret/i);
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).toBe(before);
  });
});
