// SPDX-License-Identifier: MIT
/**
 * The one place that turns a CardTransport into "send a command, get its data": it follows
 * 61xx chaining with SEND_REMAINING (yubikit's ResponseChainingProcessor) and raises ApduError
 * for any other non-9000 status. Debug lines show only headers, lengths and SWs: never data,
 * so PUT / VALIDATE / SET_CODE / CALCULATE secrets cannot reach a log.
 */
import { concatBytes } from '../../../src-shared/bytes';
import { encodeSendRemaining, formatStatus, splitResponse, SW1_MORE_DATA, SW_OK } from '../../../src-shared/oath-codec';
import type { CardTransport } from '../transport/card-transport';

/** A status word other than 9000: low level, translated to TouchroleError by oath-errors.ts. */
export class ApduError extends Error {
  constructor(
    readonly sw: number,
    readonly ins: number,
  ) {
    super(`APDU INS=0x${ins.toString(16).padStart(2, '0')} failed: ${formatStatus(sw)}`);
    this.name = 'ApduError';
  }
}

export type DebugLog = (line: string) => void;

/** Chained responses are capped so a misbehaving card cannot loop us forever (~64 KiB). */
const MAX_CHAINED_RESPONSES = 256;

export class ApduChannel {
  constructor(
    private readonly transport: CardTransport,
    private readonly debug?: DebugLog,
  ) {}

  async send(apdu: Uint8Array): Promise<Uint8Array> {
    const ins = apdu[1] ?? 0;
    let { data, sw } = await this.exchange(apdu);
    const parts = [data];
    let rounds = 0;
    while (sw >> 8 === SW1_MORE_DATA) {
      if (++rounds > MAX_CHAINED_RESPONSES) throw new ApduError(sw, ins);
      ({ data, sw } = await this.exchange(encodeSendRemaining()));
      parts.push(data);
    }
    if (sw !== SW_OK) throw new ApduError(sw, ins);
    return concatBytes(...parts);
  }

  private async exchange(apdu: Uint8Array): Promise<{ data: Uint8Array; sw: number }> {
    const reply = splitResponse(await this.transport.transmit(apdu));
    if (this.debug) {
      const head = Array.from(apdu.slice(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      this.debug(`apdu ${head} Lc=${Math.max(0, apdu.length - 5)} -> ${reply.data.length} bytes ${formatStatus(reply.sw)}`);
    }
    return reply;
  }
}
