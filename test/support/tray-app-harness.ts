// SPDX-License-Identifier: MIT
/** Starts the tray app (startApp) on the fake Electron and the fake backend, as main.ts would. */
import { resolve } from 'node:path';
import { firstRun, startApp, type StartAppOptions } from '../../src-main/app/start-app';
import type { TrayApp } from '../../src-main/app/tray-app';
import { ManualClock } from '../../src-shared/time/clock';
import { FakeBackend } from './fake-backend';
import { FakeElectron } from './fake-electron';
import { ManualTimers } from './manual-timers';
import { settle } from './settle';

export const NOW = Date.parse('2026-11-23T10:00:00Z');
export const SEC = 1_000;
export const MIN = 60 * SEC;
export const ASSETS = resolve(__dirname, '../../assets');

export interface Harness {
  electron: FakeElectron;
  backend: FakeBackend;
  timers: ManualTimers;
  trayApp: TrayApp;
  /** What happened when, across the fake Electron and the core (e.g. 'core closed'). */
  events: string[];
  /** Moves time on and lets the promises it started settle. */
  advance(ms: number): Promise<void>;
}

export interface HarnessOptions {
  platform?: NodeJS.Platform;
  /** Default false: the first-run window is consumed before the start, unless this is set. */
  firstRun?: boolean;
  trayAvailable?: boolean;
  /** How the core closes (default: at once). */
  close?: () => Promise<void>;
  extra?: Partial<StartAppOptions>;
  setup?: (backend: FakeBackend, electron: FakeElectron) => void;
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock(NOW);
  const timers = new ManualTimers(clock);
  const electron = new FakeElectron(o.platform ?? 'linux');
  const events = electron.app.events;
  const onClose = async (): Promise<void> => {
    events.push('core closing');
    await (o.close ?? (() => Promise.resolve()))();
    events.push('core closed');
  };
  const backend = new FakeBackend({ clock, onClose });
  o.setup?.(backend, electron);
  if (o.firstRun !== true) firstRun(electron.app.getPath('userData'));
  const trayApp = await startApp({
    electron,
    createBackend: () => Promise.resolve(backend),
    trayAvailable: () => Promise.resolve(o.trayAvailable ?? true),
    clock,
    timers,
    preloadPath: '/app/dist/preload/preload.js',
    indexHtmlPath: '/app/dist/renderer/index.html',
    assetsDir: ASSETS,
    applyLoginItem: (openAtLogin) => electron.app.setLoginItemSettings({ openAtLogin }),
    ...o.extra,
  });
  if (trayApp === undefined) throw new Error('the first instance did not start');
  await settle();
  return {
    electron,
    backend,
    timers,
    trayApp,
    events,
    advance: async (ms) => {
      await timers.advance(ms);
      await settle();
    },
  };
}
