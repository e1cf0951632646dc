// SPDX-License-Identifier: MIT
import type { WireError } from '../../src-shared/errors';
import { button, el } from '../dom';

export interface Banners {
  /** What failed, the message, and the hint saying what to do. */
  show: (what: string, error: WireError) => void;
  /** What an action did (the words the CLI prints). */
  note: (message: string) => void;
  /** An action under way; returns the function that takes the banner down. */
  progress: (message: string) => () => void;
  clear: () => void;
}

/** Banners above the sections, newest on top, each dismissable: errors, results and actions under way. */
export function createBanners(root: HTMLElement): Banners {
  const add = (kind: 'error' | 'info' | 'progress', content: HTMLElement[], attrs: Record<string, string>): HTMLElement => {
    const banner = el('div', { class: `banner ${kind}`, attrs }, [el('div', { class: 'banner-text' }, content)]);
    banner.append(button('Dismiss', () => banner.remove(), { class: 'link', 'aria-label': 'Dismiss' }));
    // Keep a few so a burst of failures stays readable.
    root.prepend(banner);
    while (root.children.length > 3) root.lastElementChild?.remove();
    return banner;
  };
  return {
    show: (what, error) =>
      void add(
        'error',
        [
          el('strong', { text: `${what} failed: ` }),
          el('span', { class: 'banner-message', text: error.message }),
          ...(error.hint === undefined ? [] : [el('div', { class: 'banner-hint', text: error.hint })]),
        ],
        { role: 'alert', 'data-code': error.code },
      ),
    note: (message) => void add('info', [el('span', { class: 'banner-message', text: message })], { role: 'status' }),
    progress: (message) => {
      const banner = add('progress', [el('span', { class: 'banner-message', text: message })], { role: 'status', 'aria-busy': 'true' });
      return () => banner.remove();
    },
    clear: () => root.replaceChildren(),
  };
}
