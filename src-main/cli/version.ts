// SPDX-License-Identifier: MIT
// Kept in step with package.json by test/unit/cli/version.test.ts; a constant avoids reading
// package.json on the hot path.
export const VERSION = '0.1.0';
