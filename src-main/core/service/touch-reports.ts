// SPDX-License-Identifier: MIT
import type { OnTouch } from '../oath';
import type { TouchPrompter } from '../prompt';

/** What a code read tells while it waits for a touch, without waiting for the prompt itself. */
export interface TouchReports {
  waiting(): void;
  done(): void;
  timedOut(): void;
}

/**
 * The prompter told from a card's touch events. A prompt that cannot be shown (no terminal, no
 * notification daemon) must not fail the code read: the key blinks anyway, so its failure is dropped.
 */
export function touchReports(prompter: TouchPrompter, credential: string, purpose: string, profile?: string): TouchReports {
  const tell = (p: Promise<void>): void => {
    p.catch(() => undefined);
  };
  return {
    waiting: () => tell(prompter.waiting({ credential, purpose, ...(profile === undefined ? {} : { profile }) })),
    done: () => tell(prompter.done()),
    timedOut: () => tell(prompter.timedOut()),
  };
}

/** The same, for an OATH read that names its credential in each event. */
export function onTouchTelling(prompter: TouchPrompter, purpose: string): OnTouch {
  return (e) => {
    const r = touchReports(prompter, e.credential, purpose);
    if (e.phase === 'waiting') r.waiting();
    else if (e.phase === 'done') r.done();
    else r.timedOut();
  };
}
