// SPDX-License-Identifier: MIT
import type { CardResponse, CommandApdu } from './apdu';

/** One application on the card, selected by AID. */
export interface Applet {
  readonly aid: Buffer;
  /** The INS that fetches the rest of a chained response, besides ISO GET RESPONSE (0xc0). */
  readonly sendRemainingIns?: number;
  select(): CardResponse;
  deselect(): void;
  /** Undefined: the command is never answered (the card was pulled meanwhile). */
  process(apdu: CommandApdu): Promise<CardResponse | undefined>;
}
