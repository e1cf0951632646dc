// SPDX-License-Identifier: MIT
import type { WireError } from '../../src-shared/errors';
import { button, el } from '../dom';

/** Error banners: what failed, the message, and the hint saying what to do; dismissable. */
export function createBanners(root: HTMLElement): { show: (what: string, error: WireError) => void; clear: () => void } {
  return {
    show: (what, error) => {
      const banner = el('div', { class: 'banner error', attrs: { role: 'alert', 'data-code': error.code } }, [
        el('div', { class: 'banner-text' }, [
          el('strong', { text: `${what} failed: ` }),
          el('span', { class: 'banner-message', text: error.message }),
          ...(error.hint === undefined ? [] : [el('div', { class: 'banner-hint', text: error.hint })]),
        ]),
      ]);
      banner.append(button('Dismiss', () => banner.remove(), { class: 'link', 'aria-label': 'Dismiss' }));
      // The newest on top; keep a few so a burst of failures stays readable.
      root.prepend(banner);
      while (root.children.length > 3) root.lastElementChild?.remove();
    },
    clear: () => root.replaceChildren(),
  };
}
