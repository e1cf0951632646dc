// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { agentKeyPath } from '../../../../src-main/core/agent/agent-key';

describe('agentKeyPath', () => {
  it('puts the key beside a unix socket, in its owner-only directory', () => {
    expect(agentKeyPath('/run/user/1000/touchrole/agent.sock')).toBe('/run/user/1000/touchrole/agent.key');
    expect(agentKeyPath('/home/me/.touchrole/sock')).toBe('/home/me/.touchrole/sock.key');
  });

  it('for a named pipe, under %LOCALAPPDATA%\\touchrole, named after the pipe', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' };
    expect(agentKeyPath('\\\\.\\pipe\\touchrole-me', env)).toBe('C:\\Users\\me\\AppData\\Local\\touchrole\\touchrole-me.key');
    expect(agentKeyPath('\\\\.\\pipe\\touchrole-me', { USERPROFILE: 'C:\\Users\\me' })).toBe('C:\\Users\\me\\AppData\\Local\\touchrole\\touchrole-me.key');
  });
});
