// SPDX-License-Identifier: MIT
// start.js routes the session verbs to session.js, whose registry is sessionCommands alone: every
// form of those verbs must be there, and the full CLI must list the very same entries.
import { describe, expect, it } from 'vitest';
import { registry } from '../../../src-main/cli/registry';
import { sessionCommands } from '../../../src-main/cli/session-commands';
import { SESSION_VERBS } from '../../../src-main/cli/session-verbs';

describe('the session commands (session.js)', () => {
  it('are the session verbs, each one word, with the command that verb loads', async () => {
    expect(Object.keys(sessionCommands).sort()).toEqual([...SESSION_VERBS].sort());
    for (const [verb, e] of Object.entries(sessionCommands)) {
      expect(e.path).toEqual([verb]);
      expect((await e.load()).path).toEqual([verb]);
    }
  });

  it('are in the full registry as the same entries, and no other command starts with a session verb', () => {
    for (const e of Object.values(sessionCommands)) expect(registry).toContain(e);
    const startsWithSessionVerb = registry.filter((e) => (SESSION_VERBS as readonly string[]).includes(e.path[0] ?? ''));
    expect(startsWithSessionVerb).toHaveLength(SESSION_VERBS.length);
  });
});
