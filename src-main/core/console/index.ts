// SPDX-License-Identifier: MIT
// Public API of core/console: AWS console sign-in URLs for temporary credentials, and opening them.
export { consoleSigninUrl, DEFAULT_FEDERATION_URL, DEFAULT_CONSOLE_DESTINATION, type ConsoleSigninOptions } from './signin-url';
export { openUrl, openerFor } from './open-url';
