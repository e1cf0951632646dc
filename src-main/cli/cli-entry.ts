// SPDX-License-Identifier: MIT
// Every command (bin/touchrole.js, dist/bundle/cli.js): main.ts, with stack traces that name source lines.
import { installSourceLines } from '../core/hot-path';

installSourceLines();

export { main, runCli } from './main';
