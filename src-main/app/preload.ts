// SPDX-License-Identifier: MIT
// Preload entry: runs in the window's isolated world. Sandboxed preloads cannot require local
// files, so scripts/build-renderer.mjs bundles this into dist/preload/preload.js.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeTouchroleApi } from './preload-api';

exposeTouchroleApi({ contextBridge, ipcRenderer });
