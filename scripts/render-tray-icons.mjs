// SPDX-License-Identifier: MIT
// Renders the tray icons into assets/tray/ with nothing but Node (zlib for PNG): the same bytes on
// every run, so test/unit/app/tray-icon-files.test.ts can check the committed files are current.
// `node scripts/render-tray-icons.mjs` after changing the drawing.
//   macOS:   trayTemplate.png 16x16 + trayTemplate@2x.png 32x32, black + alpha (a template image)
//   Linux:   tray-on-dark.png / tray-on-light.png 32x32 (light glyph for dark panels and the reverse)
//   Windows: tray-on-dark.ico / tray-on-light.ico with 16, 24, 32 and 48 px images
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'tray');
const SUPERSAMPLE = 4;

/** A key, in a unit square: a ring (the bow), a shaft and two teeth. */
function inKey(x, y) {
  const dx = x - 0.3;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  if (r <= 0.22 && r >= 0.1) return true;
  if (x >= 0.48 && x <= 0.93 && y >= 0.44 && y <= 0.56) return true;
  if (x >= 0.72 && x <= 0.8 && y >= 0.56 && y <= 0.74) return true;
  return x >= 0.84 && x <= 0.93 && y >= 0.56 && y <= 0.68;
}

/** RGBA pixels of the key at `size` px in colour [r, g, b], anti-aliased by supersampling. */
export function renderKey(size, [r, g, b]) {
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          if (inKey((x + (sx + 0.5) / SUPERSAMPLE) / size, (y + (sy + 0.5) / SUPERSAMPLE) / size)) hits++;
        }
      }
      const i = (y * size + x) * 4;
      px[i] = r;
      px[i + 1] = g;
      px[i + 2] = b;
      px[i + 3] = Math.round((255 * hits) / (SUPERSAMPLE * SUPERSAMPLE));
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0 per row
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** An ICO holding PNG images (Windows Vista and later read those). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

const BLACK = [0, 0, 0];
const ON_DARK = [0xf2, 0xf2, 0xf2];
const ON_LIGHT = [0x20, 0x20, 0x20];

/** Every icon file by name. */
export function renderAll() {
  const png = (size, colour) => encodePng(size, renderKey(size, colour));
  const ico = (colour) => encodeIco([16, 24, 32, 48].map((size) => ({ size, png: png(size, colour) })));
  return new Map([
    ['trayTemplate.png', png(16, BLACK)],
    ['trayTemplate@2x.png', png(32, BLACK)],
    ['tray-on-dark.png', png(32, ON_DARK)],
    ['tray-on-light.png', png(32, ON_LIGHT)],
    ['tray-on-dark.ico', ico(ON_DARK)],
    ['tray-on-light.ico', ico(ON_LIGHT)],
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  mkdirSync(OUT, { recursive: true });
  for (const [name, bytes] of renderAll()) writeFileSync(join(OUT, name), bytes);
  console.log(`wrote ${[...renderAll().keys()].join(', ')} to ${OUT}`);
}
