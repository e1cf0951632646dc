// SPDX-License-Identifier: MIT
import type { StoredCredential } from './credential';
import { algorithmFromCode, typeFromCode } from './credential';
import { readTlv } from './tlv';
import { TAG_NAME, TAG_KEY, TAG_PROPERTY, TAG_IMF, PROP_REQUIRE_TOUCH, MAX_NAME_BYTES } from './ykoath-constants';

/**
 * PUT data: NAME, KEY, then optionally PROPERTY and IMF. PROPERTY is a tag followed directly
 * by its value byte with no length, as the device parses it and yubikit sends it; a
 * length-prefixed PROPERTY is rejected as wrong data rather than misread silently.
 */
export function parsePut(data: Buffer): StoredCredential | undefined {
  const name = readTlv(data, 0);
  if (name === undefined || name.tlv.tag !== TAG_NAME) return undefined;
  if (name.tlv.value.length === 0 || name.tlv.value.length > MAX_NAME_BYTES) return undefined;
  const key = readTlv(data, name.next);
  if (key === undefined || key.tlv.tag !== TAG_KEY || key.tlv.value.length < 3) return undefined;
  const [typeAlgo = 0, digits = 0] = key.tlv.value;
  const type = typeFromCode(typeAlgo);
  const algorithm = algorithmFromCode(typeAlgo);
  if (type === undefined || algorithm === undefined || digits < 6 || digits > 8) return undefined;
  let offset = key.next;
  let touch = false;
  let counter = 0;
  if (data[offset] === TAG_PROPERTY) {
    const property = data[offset + 1];
    if (property === undefined || (property & ~PROP_REQUIRE_TOUCH) !== 0) return undefined;
    touch = (property & PROP_REQUIRE_TOUCH) !== 0;
    offset += 2;
  }
  if (data[offset] === TAG_IMF) {
    const imf = readTlv(data, offset);
    if (imf === undefined || imf.tlv.value.length !== 4) return undefined;
    counter = imf.tlv.value.readUInt32BE(0);
    offset = imf.next;
  }
  if (offset !== data.length) return undefined;
  return {
    id: name.tlv.value.toString('utf8'),
    type,
    algorithm,
    digits,
    secret: Uint8Array.from(key.tlv.value.subarray(2)),
    touch,
    counter,
  };
}
