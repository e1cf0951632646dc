// SPDX-License-Identifier: MIT
import { TouchroleError } from '../errors';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Parses a duration as users write it: "3600" (seconds), "45m", "1h", "1h30m", "12h", "1d".
 * Returns whole seconds.
 */
export function parseDuration(text: string): number {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  const parts = [...t.matchAll(/(\d+)\s*([smhd])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t.replace(/\s+/g, '')) {
    throw new TouchroleError('duration-invalid', `"${text}" is not a duration`, { hint: 'use seconds or a form like 45m, 1h, 1h30m, 12h' });
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS[p[2] ?? 's'] ?? 1), 0);
}

/** "1h", "1h30m", "45m", "90s": the shortest exact form. */
export function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 3600 && seconds % 60 === 0) return `${Math.floor(seconds / 3600)}h${(seconds % 3600) / 60}m`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
