// SPDX-License-Identifier: MIT
/**
 * A CardTransport that plays a script: each transmit must equal the next expected APDU
 * (hex), and gets the scripted reply or error. Mismatches fail loudly with both byte strings.
 */
import { bytesToHex, hexToBytes } from '../../src-shared/bytes';
import type { CardTransport } from '../../src-main/core/transport/card-transport';

export type ScriptStep = { expect: string; reply: string } | { expect: string; fail: Error };

const norm = (hex: string): string => hex.replace(/\s+/g, '').toLowerCase();

export class ScriptedTransport implements CardTransport {
  private readonly steps: ScriptStep[];
  private at = 0;
  closed = false;

  constructor(steps: ScriptStep[]) {
    this.steps = steps.map((s) => ({ ...s, expect: norm(s.expect) }));
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.closed) throw new Error('ScriptedTransport: transmit after close');
    const actual = bytesToHex(apdu);
    const step = this.steps[this.at];
    if (step === undefined) throw new Error(`ScriptedTransport: unexpected APDU ${actual} after the script ended`);
    if (step.expect !== actual) {
      throw new Error(`ScriptedTransport: step ${this.at}: expected APDU ${step.expect}, got ${actual}`);
    }
    this.at++;
    if ('fail' in step) throw step.fail;
    return hexToBytes(step.reply);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Throws unless every scripted exchange happened. */
  assertDone(): void {
    if (this.at !== this.steps.length) {
      throw new Error(`ScriptedTransport: ${this.steps.length - this.at} scripted APDU(s) never sent, next ${this.steps[this.at]?.expect}`);
    }
  }
}
