// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { trayIconFor } from '../../../src-main/app/tray-icon';
import { ASSETS, startHarness } from '../../support/tray-app-harness';

/** Width and height from a PNG's IHDR. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('tray icon: choice', () => {
  it.each([
    ['darwin', false, 'trayTemplate.png', true],
    ['darwin', true, 'trayTemplate.png', true],
    ['win32', false, 'tray-on-light.ico', false],
    ['win32', true, 'tray-on-dark.ico', false],
    ['linux', false, 'tray-on-light.png', false],
    ['linux', true, 'tray-on-dark.png', false],
  ] as const)('%s, dark %s: %s (template %s)', (platform, dark, file, template) => {
    expect(trayIconFor('/a', platform, dark)).toEqual({ path: join('/a', 'tray', file), template });
  });

  it.each(['linux', 'win32'] as const)('redraws on %s when the theme changes', async (platform) => {
    const h = await startHarness({ platform });
    expect(h.electron.tray.icon).toEqual(trayIconFor(ASSETS, platform, false));
    h.electron.nativeTheme.set(true);
    expect(h.electron.tray.icon).toEqual(trayIconFor(ASSETS, platform, true));
    h.electron.nativeTheme.set(false);
    expect(h.electron.tray.images.map((i) => i.path.split(/[/\\]/).pop())).toEqual(
      platform === 'win32' ? ['tray-on-light.ico', 'tray-on-dark.ico', 'tray-on-light.ico'] : ['tray-on-light.png', 'tray-on-dark.png', 'tray-on-light.png'],
    );
  });
});

describe('tray icon: files', () => {
  const file = (name: string): Buffer => readFileSync(join(ASSETS, 'tray', name));

  it('macOS: a 16x16 template with its 32x32 @2x, black with alpha only', () => {
    expect(pngSize(file('trayTemplate.png'))).toEqual([16, 16]);
    expect(pngSize(file('trayTemplate@2x.png'))).toEqual([32, 32]);
  });

  it('Linux: 32x32 PNGs for dark and light panels', () => {
    expect(pngSize(file('tray-on-dark.png'))).toEqual([32, 32]);
    expect(pngSize(file('tray-on-light.png'))).toEqual([32, 32]);
  });

  it('Windows: ICOs holding 16, 24, 32 and 48 px PNG images', () => {
    for (const name of ['tray-on-dark.ico', 'tray-on-light.ico']) {
      const ico = file(name);
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 4]);
      const sizes = [0, 1, 2, 3].map((i) => {
        const entry = 6 + 16 * i;
        const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
        expect(pngSize(png)).toEqual([ico.readUInt8(entry), ico.readUInt8(entry + 1)]);
        return ico.readUInt8(entry);
      });
      expect(sizes).toEqual([16, 24, 32, 48]);
    }
  });

  it('the committed files are what scripts/render-tray-icons.mjs renders now', async () => {
    const script = pathToFileURL(resolve(__dirname, '../../../scripts/render-tray-icons.mjs')).href;
    const { renderAll } = (await import(script)) as { renderAll(): Map<string, Buffer> };
    const rendered = renderAll();
    expect([...rendered.keys()].sort()).toEqual([
      'tray-on-dark.ico',
      'tray-on-dark.png',
      'tray-on-light.ico',
      'tray-on-light.png',
      'trayTemplate.png',
      'trayTemplate@2x.png',
    ]);
    for (const [name, bytes] of rendered) expect(file(name).equals(bytes), `${name} is stale: run node scripts/render-tray-icons.mjs`).toBe(true);
  });
});
