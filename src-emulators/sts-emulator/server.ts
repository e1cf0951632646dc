// SPDX-License-Identifier: MIT
// The emulator as an HTTP server on loopback: node:http only, one endpoint for STS and IAM.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../src-shared/time/clock';
import { Directory } from './directory';
import { handleQueryRequest } from './dispatch';
import { FEDERATION_PATH, FederationEndpoint } from './federation';
import { addMfaDevice, addRole, addUser, type AddedUser, type AddMfaDeviceOptions, type AddRoleOptions, type AddUserOptions } from './seed-directory';
import type { ReceivedRequest } from './sigv4';

/** Query requests are small; anything bigger is not a client of this emulator. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface StsEmulatorOptions {
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Drives session expiry and TOTP checks; default the system clock. */
  clock?: Clock;
}

export interface StsEmulator {
  /** The endpoint for both STS and IAM clients, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  addUser(options: AddUserOptions): AddedUser;
  addRole(options: AddRoleOptions): void;
  addMfaDevice(options: AddMfaDeviceOptions): void;
  /** What IAM holds for an MFA device (tests check the seed against the YubiKey); undefined once deleted. */
  mfaDevice(serial: string): { seed: Uint8Array; userName: string | undefined; lastUsedStep: number } | undefined;
  /** Registers a decoded authorization message (JSON text) and returns the encoded form (random base64url unless given) for DecodeAuthorizationMessage. */
  encodeAuthorizationMessage(decodedJson: string, encoded?: string): string;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function headerPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return pairs;
}

async function serve(req: IncomingMessage, res: ServerResponse, directory: Directory, clock: Clock, federation: FederationEndpoint): Promise<void> {
  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413).end();
    return;
  }
  if (new URL(req.url ?? '/', 'http://emulator').pathname === FEDERATION_PATH) {
    const answer = federation.handle(req.method ?? 'GET', req.url ?? '/');
    res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) }).end(answer.body);
    return;
  }
  const received: ReceivedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: headerPairs(req.rawHeaders), body };
  const answer = handleQueryRequest(received, directory, clock);
  if (answer.internalError !== undefined)
    process.emitWarning(
      `sts-emulator internal failure: ${answer.internalError instanceof Error ? answer.internalError.message : JSON.stringify(answer.internalError)}`,
    );
  res.writeHead(answer.status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(answer.body),
    'x-amzn-requestid': answer.requestId,
  });
  res.end(answer.body);
}

/** Starts the built-in STS + IAM emulator used by `touchrole demo` when moto_server is absent. */
export async function startStsEmulator(options: StsEmulatorOptions = {}): Promise<StsEmulator> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const directory = new Directory();
  const federation = new FederationEndpoint(directory, clock);
  const server = createServer((req, res) => {
    serve(req, res, directory, clock, federation).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    addUser: (o) => addUser(directory, clock, o),
    addRole: (o) => addRole(directory, o),
    addMfaDevice: (o) => addMfaDevice(directory, clock, o),
    mfaDevice: (serial) => {
      const d = directory.mfaDevices.get(serial);
      return d === undefined ? undefined : { seed: Uint8Array.from(d.seed), userName: d.userName, lastUsedStep: d.lastUsedStep };
    },
    encodeAuthorizationMessage: (decodedJson, encoded = randomBytes(96).toString('base64url')) => {
      directory.authorizationMessages.set(encoded, decodedJson);
      return encoded;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e === undefined ? resolve() : reject(e)));
        server.closeAllConnections(); // SDK clients keep connections alive
      }),
  };
}
