// SPDX-License-Identifier: MIT
// Public API of core/service: the core composed once for the CLI, the agent and the tray app.
export { TouchroleService, type TouchroleServiceOptions, type ElevateOptions, type ElevateOutcome, type ActiveSession } from './touchrole-service';
export { yubikeyMfaCodes, otpSlotCode, OTP_SLOT_KEY } from './mfa-codes';
export { createServiceAgent, type ServiceAgent, type ServiceAgentOptions } from './agent-backend';
export type { YubikeyReading } from './yubikey-monitor';
