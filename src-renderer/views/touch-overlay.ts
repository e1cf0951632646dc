// SPDX-License-Identifier: MIT
import type { TouchEvent } from '../../src-shared/models';
import { byId } from '../dom';

/** "Touch your YubiKey" over the whole window, from the prompt until the touch or a timeout. */
export function createTouchOverlay(): (prompt: TouchEvent) => void {
  const overlay = byId('touch-overlay');
  const detail = byId('touch-detail');
  return (prompt) => {
    const waiting = prompt.state === 'needed';
    overlay.hidden = !waiting;
    detail.textContent = waiting && prompt.profile !== undefined ? `to elevate ${prompt.profile}` : '';
  };
}
