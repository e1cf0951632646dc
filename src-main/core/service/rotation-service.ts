// SPDX-License-Identifier: MIT
import {
  finishRotation,
  keyAgeSources,
  keysAgeReport,
  rotateAccessKey,
  RotationStateFile,
  rotationReminders,
  type FinishResult,
  type KeyAgeDeps,
  type KeyAgeEntry,
  type RotationDeps,
  type RotationReminder,
  type RotationResult,
} from '../rotation';
import { dropMfaSessionsOf, profileWhere } from '../sessions';
import type { CorePorts } from './core-ports';
import type { ProfilesService } from './profiles-service';
import { iamMfaFor, keyHomeFor } from './source-keys';

/** Long-term access keys over time: their age, reminders, and rotating them safely. */
export class RotationService {
  private readonly state: RotationStateFile;

  constructor(
    private readonly ports: CorePorts,
    private readonly profiles: ProfilesService,
  ) {
    this.state = new RotationStateFile(ports.paths.state);
  }

  /** Access keys due for rotation (IAM's CreateDate, cached daily; else the import date). */
  async reminders(options: { markNotified: boolean }): Promise<RotationReminder[]> {
    return rotationReminders(await this.keyAgeDeps(), options);
  }

  async keyAges(): Promise<KeyAgeEntry[]> {
    return keysAgeReport(await this.keyAgeDeps());
  }

  /**
   * Replaces the profile's access key: the new one is stored where the old one was and checked,
   * the old one made inactive (or deleted with `deleteOld`). With mfa_serial, one touch.
   */
  async rotate(profile: string, options: { deleteOld: boolean }): Promise<RotationResult> {
    const deps = await this.rotationDeps(profile);
    const settings = await this.ports.settings();
    const r = await rotateAccessKey(profile, deps, { deleteOld: options.deleteOld, graceDays: settings.rotationGraceDays });
    // The MFA session made with the rotated-away key must not outlive it.
    await dropMfaSessionsOf(this.ports.paths.cache, profile);
    return r;
  }

  /** Deletes the old key of a rotation whose grace period is over (`now`: before that). */
  async finish(profile: string, options: { now: boolean }): Promise<FinishResult> {
    return finishRotation(profile, await this.rotationDeps(profile), options);
  }

  private async rotationDeps(name: string): Promise<RotationDeps> {
    const profile = await this.profiles.sourceProfile(name);
    const profiles = (await this.profiles.all()).profiles;
    return {
      iam: this.ports.iam,
      sts: this.ports.sts,
      clock: this.ports.clock,
      keys: keyHomeFor(this.ports, profile),
      state: this.state,
      ...profileWhere(profile),
      ...iamMfaFor(this.ports, profiles, profile, `rotate the key of ${name}`),
    };
  }

  private async keyAgeDeps(): Promise<KeyAgeDeps> {
    const [set, settings] = await Promise.all([this.profiles.all(), this.ports.settings()]);
    return {
      iam: this.ports.iam,
      clock: this.ports.clock,
      state: this.state,
      sources: keyAgeSources(set.profiles, {
        store: this.ports.sourceKeys,
        credentialsFile: set.files.paths.credentialsFile,
        clock: this.ports.clock,
        defaultMaxAgeDays: settings.keyMaxAgeDays,
      }),
    };
  }
}
