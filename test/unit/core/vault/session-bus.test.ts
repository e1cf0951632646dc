// SPDX-License-Identifier: MIT
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionBusConceivable } from '../../../../src-main/core/vault/session-bus';

describe('sessionBusConceivable (where GDBus would look for a session bus)', () => {
  const runtime = mkdtempSync(join(tmpdir(), 'touchrole-runtime-'));

  it('an address or an X11 display: yes', () => {
    expect(sessionBusConceivable({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' })).toBe(true);
    expect(sessionBusConceivable({ DISPLAY: ':0' })).toBe(true);
  });

  it('$XDG_RUNTIME_DIR/bus: yes only when it exists', () => {
    expect(sessionBusConceivable({ XDG_RUNTIME_DIR: runtime })).toBe(false);
    writeFileSync(join(runtime, 'bus'), '');
    expect(sessionBusConceivable({ XDG_RUNTIME_DIR: runtime })).toBe(true);
  });

  it('none of them (SSH, CI, containers): no', () => {
    expect(sessionBusConceivable({})).toBe(false);
    expect(sessionBusConceivable({ XDG_RUNTIME_DIR: '' })).toBe(false);
  });
});
