// SPDX-License-Identifier: MIT
/**
 * The verbs dist/bundle/session.js serves (session-commands.ts): the commands that get, use, show or
 * end role and MFA sessions through STS. A plain list, so that start.js routes by it without the
 * commands' loaders (and the commands) in its bundle.
 */
export const SESSION_VERBS = ['elevate', 'credential-process', 'status', 'end', 'logout', 'whoami', 'console', 'decode', 'exec', 'export'] as const;

export type SessionVerb = (typeof SESSION_VERBS)[number];
