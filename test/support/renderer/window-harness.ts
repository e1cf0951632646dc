// SPDX-License-Identifier: MIT
/**
 * Runs the built window (dist/renderer) in headless Chromium, served from 127.0.0.1, with a
 * `window.touchrole` bridge that forwards every contract call to an AppBackend in this Node
 * process through the same validation and dispatch main uses (src-main/app/ipc.ts), and pushes
 * the backend's events to the page as main does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AppBackend, AppBackendEventName } from '../../../src-main/core/agent';
import { backendHandlers, dispatch } from '../../../src-main/app/ipc';
import { IPC_EVENTS, IPC_METHODS, isIpcMethod, type IpcMethod, type IpcResponse, type IpcResult } from '../../../src-shared/ipc-contract';

export const ROOT = resolve(__dirname, '../../..');
const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
const CHROMIUM = '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/** npm run build's last step, so the test sees exactly what ships. */
export function buildRenderer(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-renderer.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

export function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)).replace(/^[/\\]+/, '');
    const file = join(RENDERER_DIR, path);
    if (req.method !== 'GET' || !file.startsWith(RENDERER_DIR + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ready) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ready({ url: `http://127.0.0.1:${port}/index.html`, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`renderer tests need Chromium at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WindowUnderTest {
  page: Page;
  /** Console errors, CSP violations and uncaught exceptions seen in the page. */
  problems: string[];
  close(): Promise<void>;
}

/** Opens the window at `url` (with #view) against `backend`, the page clock frozen at `now`. */
export async function openWindow(browser: Browser, url: string, backend: AppBackend, now: number): Promise<WindowUnderTest> {
  const page = await browser.newPage({ viewport: { width: 880, height: 600 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  // The page's time stands still at `now` and moves only when a test moves it (with the backend's).
  await page.clock.install({ time: now - 1_000 });
  await page.clock.pauseAt(now);

  const handlers = backendHandlers(backend);
  const serve = <M extends IpcMethod>(method: M, payload: unknown): Promise<IpcResult<IpcResponse<M>>> => dispatch(method, payload, handlers[method]);
  await page.exposeFunction('__touchroleInvoke', (method: string, args: unknown[]): Promise<IpcResult<unknown>> | IpcResult<unknown> => {
    if (!isIpcMethod(method)) return { ok: false, error: { code: 'ipc-rejected', message: `unknown method ${method.slice(0, 64)}` } };
    if (args.length > 1) return { ok: false, error: { code: 'ipc-rejected', message: `${method}: takes at most one argument` } };
    return serve(method, args[0]);
  });
  // What the preload exposes, rebuilt in the page from the same method and event lists.
  await page.addInitScript(
    ({ methods, events }) => {
      type Invoke = (method: string, args: unknown[]) => Promise<unknown>;
      const w = window as unknown as { __touchroleInvoke: Invoke; __touchroleEmit?: (event: string, data: unknown) => void };
      const listeners = new Map<string, Set<(data: unknown) => void>>(events.map((e) => [e, new Set()]));
      const api: Record<string, unknown> = {};
      for (const m of methods) api[m] = (...args: unknown[]) => w.__touchroleInvoke(m, args);
      api['on'] = (event: string, listener: (data: unknown) => void) => {
        const set = listeners.get(event);
        if (set === undefined) throw new Error(`touchrole: unknown event ${event}`);
        set.add(listener);
        return () => set.delete(listener);
      };
      w.__touchroleEmit = (event, data) => listeners.get(event)?.forEach((l) => l(data));
      Object.defineProperty(window, 'touchrole', { value: Object.freeze(api) });
    },
    { methods: [...IPC_METHODS], events: [...IPC_EVENTS] },
  );

  const offs = (['sessionsChanged', 'touchPrompt', 'yubikeyChanged'] as const satisfies readonly AppBackendEventName[]).map((event) =>
    backend.on(event, (data: unknown) => {
      void page
        .evaluate(([e, d]) => (window as unknown as { __touchroleEmit: (e: string, d: unknown) => void }).__touchroleEmit(e, d), [event, data] as const)
        .catch(() => undefined);
    }),
  );
  await page.goto(url);
  return {
    page,
    problems,
    close: async () => {
      for (const off of offs) off();
      await page.close();
    },
  };
}
