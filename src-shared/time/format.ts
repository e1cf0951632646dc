// SPDX-License-Identifier: MIT
/**
 * Time left as the tray and the window show it. Whole units are rounded down, so "3m" means
 * "at least 3 minutes, less than 4" and the label never promises time the session does not have.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** "1h 05m", "42m", "3m", "45s", or "expired" when nothing is left. */
export function formatTimeLeft(msLeft: number): string {
  if (!(msLeft >= SECOND)) return 'expired'; // also NaN
  if (msLeft < MINUTE) return `${Math.floor(msLeft / SECOND)}s`;
  if (msLeft < HOUR) return `${Math.floor(msLeft / MINUTE)}m`;
  const hours = Math.floor(msLeft / HOUR);
  const minutes = Math.floor((msLeft % HOUR) / MINUTE);
  return `${hours}h ${pad2(minutes)}m`;
}

/** A ticking countdown for the window: "1:05:09", "42:07", "0:45", or "expired". */
export function formatCountdown(msLeft: number): string {
  if (!(msLeft >= SECOND)) return 'expired';
  const total = Math.floor(msLeft / SECOND);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad2(minutes)}:${pad2(seconds)}` : `${minutes}:${pad2(seconds)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
