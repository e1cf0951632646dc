// SPDX-License-Identifier: MIT
/**
 * The vpcd socket protocol (vsmartcard): the virtual card is a TCP client of the vpcd
 * driver inside pcscd. Every message is a 2-byte big-endian length and a payload; a 1-byte
 * payload is a control code, anything longer is a command APDU that gets a response APDU.
 * An open socket is an inserted card; closing it is pulling the card out.
 */
import { Socket } from 'node:net';

const CTRL_OFF = 0;
const CTRL_ON = 1;
const CTRL_RESET = 2;
const CTRL_ATR = 4;

export interface VpcdCard {
  readonly atr: Uint8Array;
  /** Power off, power on and reset all end the card's session state. */
  powerCycle(): void;
  /** Undefined: send nothing (the card was pulled before answering). */
  transmit(apdu: Uint8Array): Promise<Uint8Array | undefined>;
}

export class VpcdLink {
  private socket: Socket | undefined;
  private received = Buffer.alloc(0);
  /** Messages are handled strictly in order, even while an APDU waits for a touch. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly card: VpcdCard,
  ) {}

  get connected(): boolean {
    return this.socket !== undefined;
  }

  /**
   * Connects and resolves once pcscd has spoken to the card (it polls with ATR requests).
   * A TCP connect alone proves nothing: a second client waits in the listen backlog while
   * another virtual card holds the reader.
   */
  async connect(timeoutMs: number): Promise<void> {
    if (this.socket !== undefined) return;
    const socket = new Socket();
    this.socket = socket;
    this.received = Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(
          new Error(
            `virtual YubiKey: vpcd on 127.0.0.1:${this.port} accepted no card within ${timeoutMs} ms; ` +
              'is pcscd running with vsmartcard-vpcd, and is no other virtual card using this port?',
          ),
        );
      }, timeoutMs);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        if (this.socket === socket) this.socket = undefined;
        reject(error);
      };
      socket.once('error', (e) => fail(new Error(`virtual YubiKey: cannot connect to vpcd at ${this.host}:${this.port}: ${e.message}`)));
      socket.on('data', (chunk) => {
        if (this.socket !== socket) return;
        clearTimeout(timer);
        resolve();
        this.onData(chunk);
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
      });
      socket.connect(this.port, this.host);
    });
    socket.removeAllListeners('error');
    // After the handshake an error only means the reader went away: the card is out.
    socket.on('error', () => socket.destroy());
  }

  /** Pulls the card: vpcd sees the socket close and reports the reader empty. */
  async close(): Promise<void> {
    const socket = this.socket;
    if (socket === undefined) return;
    this.socket = undefined;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private onData(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk]);
    while (this.received.length >= 2) {
      const length = this.received.readUInt16BE(0);
      if (this.received.length < 2 + length) return;
      const payload = Buffer.from(this.received.subarray(2, 2 + length));
      this.received = this.received.subarray(2 + length);
      const socket = this.socket;
      this.queue = this.queue.then(() => this.handle(payload, socket));
    }
  }

  private async handle(payload: Buffer, socket: Socket | undefined): Promise<void> {
    if (socket === undefined || socket !== this.socket) return;
    if (payload.length === 1) {
      const code = payload[0];
      if (code === CTRL_ATR) this.send(socket, this.card.atr);
      else if (code === CTRL_OFF || code === CTRL_ON || code === CTRL_RESET) this.card.powerCycle();
      return;
    }
    const response = await this.card.transmit(payload);
    // A card pulled mid-command (a new socket, or none) must not answer on the old one.
    if (response !== undefined && socket === this.socket) this.send(socket, response);
  }

  private send(socket: Socket, payload: Uint8Array): void {
    const header = Buffer.alloc(2);
    header.writeUInt16BE(payload.length);
    socket.write(Buffer.concat([header, payload]));
  }
}
