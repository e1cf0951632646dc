// SPDX-License-Identifier: MIT
// The YKOATH commands that edit or list the applet's stored credentials: PUT, DELETE, RENAME, LIST.
import { type CardResponse, ok, status, SW } from './apdu';
import { ALGORITHM_CODES, type StoredCredential, TYPE_CODES } from './credential';
import type { OathStore } from './oath-applet';
import { parsePut } from './oath-put';
import { encodeTlv, parseTlvs, type Tlv } from './tlv';
import { MAX_NAME_BYTES, TAG_NAME, TAG_NAME_LIST } from './ykoath-constants';

export function putCredential(store: OathStore, data: Buffer): CardResponse {
  const parsed = parsePut(data);
  if (parsed === undefined) return status(SW.WRONG_DATA);
  const index = store.credentials.findIndex((c) => c.id === parsed.id);
  if (index >= 0) {
    store.credentials[index] = parsed;
  } else {
    if (store.credentials.length >= store.capacity) return status(SW.NO_SPACE);
    store.credentials.push(parsed);
  }
  return ok();
}

export function deleteCredential(store: OathStore, data: Buffer): CardResponse {
  const name = nameOf(data);
  if (name === undefined) return status(SW.WRONG_DATA);
  const index = store.credentials.findIndex((c) => c.id === name);
  if (index < 0) return status(SW.DATA_INVALID);
  store.credentials.splice(index, 1);
  return ok();
}

export function renameCredential(store: OathStore, data: Buffer): CardResponse {
  const names = parseTlvs(data)?.filter((t) => t.tag === TAG_NAME);
  const [from, to] = names ?? [];
  if (from === undefined || to === undefined || to.value.length === 0 || to.value.length > MAX_NAME_BYTES) {
    return status(SW.WRONG_DATA);
  }
  const credential = byId(store, from.value.toString('utf8'));
  if (credential === undefined) return status(SW.DATA_INVALID);
  const newId = to.value.toString('utf8');
  if (byId(store, newId) !== undefined) return status(SW.WRONG_DATA);
  credential.id = newId;
  return ok();
}

export function listCredentials(store: OathStore): CardResponse {
  const entries = store.credentials.map((c) => encodeTlv(TAG_NAME_LIST, Buffer.concat([Buffer.from([typeAndAlgorithm(c)]), Buffer.from(c.id, 'utf8')])));
  return ok(Buffer.concat(entries));
}

export function byId(store: OathStore, id: string): StoredCredential | undefined {
  return store.credentials.find((c) => c.id === id);
}

export function find(tlvs: Tlv[], tag: number): Buffer | undefined {
  return tlvs.find((t) => t.tag === tag)?.value;
}

function nameOf(data: Buffer): string | undefined {
  const tlvs = parseTlvs(data);
  return tlvs && find(tlvs, TAG_NAME)?.toString('utf8');
}

function typeAndAlgorithm(c: StoredCredential): number {
  return TYPE_CODES[c.type] | ALGORITHM_CODES[c.algorithm];
}
