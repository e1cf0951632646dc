// SPDX-License-Identifier: MIT
/**
 * The card's command router: SELECT by AID, ISO command chaining (CLA bit 0x10), and
 * response chaining with 0x61xx when an answer does not fit one short response.
 */
import { type CardResponse, type CommandApdu, encodeResponse, ok, parseCommandApdu, status, SW } from './apdu';
import type { Applet } from './applet';

const INS_SELECT = 0xa4;
const INS_GET_RESPONSE = 0xc0;
const CLA_CHAINING = 0x10;
/** The most a short response APDU carries (Le = 00). */
const MAX_RESPONSE_CHUNK = 256;

export class VirtualCard {
  private selected: Applet | undefined;
  private remaining: Buffer | undefined;
  private chainedData: Buffer[] = [];

  constructor(private readonly applets: readonly Applet[]) {}

  /** Power off, reset or removal: nothing selected, nothing pending. */
  reset(): void {
    this.selected?.deselect();
    this.selected = undefined;
    this.remaining = undefined;
    this.chainedData = [];
  }

  /** Undefined: no answer is ever sent (the card was pulled while working). */
  async transmit(bytes: Uint8Array): Promise<Buffer | undefined> {
    const apdu = parseCommandApdu(bytes);
    if (apdu === undefined) return encodeResponse(status(SW.WRONG_LENGTH));
    const response = await this.dispatch(apdu);
    return response === undefined ? undefined : encodeResponse(this.chain(response));
  }

  private async dispatch(apdu: CommandApdu): Promise<CardResponse | undefined> {
    const pending = this.remaining;
    this.remaining = undefined;
    if (pending !== undefined && this.isSendRemaining(apdu)) return ok(pending);

    if ((apdu.cla & CLA_CHAINING) !== 0) {
      this.chainedData.push(apdu.data);
      return ok();
    }
    if (this.chainedData.length > 0) {
      apdu = { ...apdu, data: Buffer.concat([...this.chainedData, apdu.data]) };
      this.chainedData = [];
    }

    if (apdu.ins === INS_SELECT && apdu.p1 === 0x04) return this.select(apdu.data);
    if (this.selected === undefined) return status(SW.INS_NOT_SUPPORTED);
    return this.selected.process(apdu);
  }

  private select(aid: Buffer): CardResponse {
    const applet = this.applets.find((a) => a.aid.equals(aid));
    if (applet === undefined) return status(SW.FILE_NOT_FOUND);
    this.selected?.deselect();
    this.selected = applet;
    return applet.select();
  }

  private isSendRemaining(apdu: CommandApdu): boolean {
    return apdu.ins === INS_GET_RESPONSE || apdu.ins === this.selected?.sendRemainingIns;
  }

  /** Splits a long successful answer: first chunk now with 0x61xx, the rest on request. */
  private chain(response: CardResponse): CardResponse {
    if (response.sw !== SW.OK || response.data.length <= MAX_RESPONSE_CHUNK) return response;
    const data = Buffer.from(response.data);
    this.remaining = data.subarray(MAX_RESPONSE_CHUNK);
    return status(SW.MORE_DATA | Math.min(this.remaining.length, 0xff), data.subarray(0, MAX_RESPONSE_CHUNK));
  }
}
