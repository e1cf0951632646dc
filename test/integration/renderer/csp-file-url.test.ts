// SPDX-License-Identifier: MIT
// The window's CSP as the packaged app meets it: dist/renderer/index.html loaded from file://
// (BrowserWindow.loadFile), in headless Chromium. Our own script and stylesheet load; inline
// script, inline style and remote content are refused. (eval cannot be checked from here: code
// Playwright injects is exempt from the page's CSP.)
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, launchChromium, ROOT } from '../../support/renderer/window-harness';

let browser: Browser;
beforeAll(async () => {
  buildRenderer();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser.close();
});

describe('window: CSP under file://', () => {
  it('loads our files and refuses inline script and style and remote content', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (globalThis as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(pathToFileURL(join(ROOT, 'dist', 'renderer', 'index.html')).href);
    // Our stylesheet applied (a flex header) and our script was fetched, without a violation.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.top') as Element).display)).toBe('flex');
    expect(requested.some((u) => u.endsWith('/dist/renderer/app.js'))).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations)).toEqual([]);

    const outcome = await page.evaluate(async () => {
      const g = globalThis as unknown as { __violations: string[]; __inline?: number };
      const script = document.createElement('script');
      script.textContent = 'globalThis.__inline = 1';
      document.head.append(script);
      const style = document.createElement('style');
      style.textContent = 'body { display: none }';
      document.head.append(style);
      const img = document.createElement('img');
      img.src = 'https://example.com/x.png';
      document.body.append(img);
      await new Promise((r) => setTimeout(r, 200));
      return { inline: g.__inline, bodyDisplay: getComputedStyle(document.body).display, violations: g.__violations };
    });
    expect(outcome.inline).toBeUndefined();
    expect(outcome.bodyDisplay).not.toBe('none');
    expect(outcome.violations.map((v) => v.split(' ')[0])).toEqual(expect.arrayContaining(['script-src-elem', 'style-src-elem', 'img-src']));
    await page.close();
  });
});
