// SPDX-License-Identifier: MIT
import type { TouchPrompter } from '../../src-main/core/prompt';

/** A TouchPrompter that only records what it was told: `waiting <credential>`, `done`, `timedOut`. */
export function recordingPrompter(): TouchPrompter & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    waiting: async (info) => void events.push(`waiting ${info.credential}`),
    done: async () => void events.push('done'),
    timedOut: async () => void events.push('timedOut'),
  };
}
