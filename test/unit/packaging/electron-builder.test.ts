// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
// js-yaml and ajv come with electron-builder (app-builder-lib depends on both).
const yaml = createRequire(resolve(ROOT, 'node_modules/app-builder-lib/package.json'))('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(readFileSync(resolve(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check can fail', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, asarUnpackk: ['**/*.node'] })).toBe(false);
    expect(validate({ ...config, linux: { target: 'AppImage', category: 7 } })).toBe(false);
  });

  it('names the app and its entry point', () => {
    expect(config['productName']).toBe('touchrole');
    expect(config['appId']).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config['extraMetadata']).toEqual({ main: pkg.main });
    expect(pkg.main).toBe('dist/src-main/app/main.js');
    expect(config['files']).toContain('dist/**');
  });

  it('builds dmg and zip, nsis, AppImage and deb', () => {
    expect(config['mac']).toMatchObject({ target: ['dmg', 'zip'] });
    expect(config['win']).toMatchObject({ target: ['nsis'] });
    expect(config['linux']).toMatchObject({ target: ['AppImage', 'deb'] });
  });

  it('leaves the emulators out of the package', () => {
    expect(config['files']).toEqual(expect.arrayContaining(['!dist/src-emulators/**', '!dist/emulators/**', '!emulators/**']));
  });

  it('unpacks every native module from the asar archive', () => {
    const unpack = config['asarUnpack'];
    expect(unpack).toContain('**/*.node');
    for (const native of ['keytar', 'smartcard', 'node-hid']) {
      expect(pkg.dependencies).toHaveProperty(native);
      expect(unpack).toContain(`node_modules/${native}/**`);
    }
  });
});
