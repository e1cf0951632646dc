// SPDX-License-Identifier: MIT
export { removeStaleTempFilesIn, STALE_TEMP_AGE_MS } from './stale-temp-files';
