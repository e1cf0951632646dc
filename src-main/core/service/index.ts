// SPDX-License-Identifier: MIT
// Public API of core/service: the core composed once per process for the CLI, the agent and the tray app.
// Front ends call these services and nothing below them (test/architecture/layers.test.ts).
export { composeCore, type CoreServices } from './composition-root';
export type { CoreOptions } from './core-ports';
export { ProfilesService, type ProfilesReport } from './profiles-service';
export { SessionsService, type ElevateOptions, type ElevateOutcome } from './sessions-service';
export { SessionRecordsService, type ActiveSession, type CleanResult } from './session-records';
export { RotationService } from './rotation-service';
export { MfaDeviceService, type RegisterOptions } from './mfa-device-service';
export { KeysService } from './keys-service';
export { YubikeyService } from './yubikey-service';
export { DeliveryService, type ExecOptions } from './delivery-service';
export { yubikeyMfaCodes, otpSlotCode, OTP_SLOT_KEY } from './mfa-codes';
export { createServiceAgent, type ServiceAgent, type ServiceAgentOptions } from './agent-backend';
export type { YubikeyReading } from './yubikey-monitor';
export { startHeadlessAgent, type HeadlessAgentOptions } from './headless-agent';
// The vocabulary of the services' arguments and results, for the front ends.
export type { AwsProfile } from '../aws-config';
export { describeKey, type KeyListing, type KeySelector } from '../oath';
export type { MfaMode, MfaWait } from '../sessions';
export { MIN_REMAINING_MS, type DeliveredSession, type SessionRequest, type SessionSource } from '../delivery';
export { openUrl } from '../console';
