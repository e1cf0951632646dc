// SPDX-License-Identifier: MIT
/** The agent's wire contract (messages.ts), its checks (params.ts, guards.ts) and its line parsers (parse.ts). */
export * from './messages';
export { AGENT_METHODS } from './params';
export { RESULT_GUARDS, isCredentialProcessOutput, isSessionView, isWireError } from './guards';
export { parseRequest, parseServerMessage, type ParsedRequest, type ParsedServerMessage } from './parse';
