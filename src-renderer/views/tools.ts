// SPDX-License-Identifier: MIT
import type { TouchroleApi } from '../../src-shared/ipc-contract';
import { launch } from '../api';
import { button } from '../dom';
import type { Banners } from './banners';

export interface ToolsDeps {
  api: TouchroleApi;
  banners: Banners;
}

/** `touchrole whoami` (per session and per role profile) and `touchrole clean`: a progress banner, then the CLI's words (or the error). */
export interface ToolsUi {
  whoami: (profile: string) => void;
  /** The "Clean up expired sessions" button; the session list follows by itself (sessionsChanged). */
  cleanButton(): HTMLButtonElement;
}

export function createTools(deps: ToolsDeps): ToolsUi {
  return {
    whoami(profile) {
      const done = deps.banners.progress(`Asking AWS who ${profile} is: touch the YubiKey if it blinks`);
      launch(`Who am I (${profile})`, deps.api.whoami({ profile }), deps.banners.show, (r) => {
        done();
        if (r !== undefined) deps.banners.note(r.lines.join('\n'));
      });
    },
    cleanButton() {
      const b = button(
        'Clean up expired sessions',
        () => {
          b.disabled = true;
          launch('Cleaning up expired sessions', deps.api.clean(), deps.banners.show, (r) => {
            b.disabled = false;
            if (r !== undefined) deps.banners.note(r.lines.join('\n'));
          });
        },
        { class: 'secondary' },
      );
      return b;
    },
  };
}
