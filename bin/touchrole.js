#!/usr/bin/env node
// SPDX-License-Identifier: MIT
'use strict';
// The AWS SDK warns on Node 20 about its future Node 22 requirement on every first client; the
// warning is not actionable for touchrole users, whose stderr the AWS CLI may show.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The bundles of scripts/build-cli.mjs; start.js picks one for the command (src-main/cli/start-entry.ts).
require('../dist/bundle/start.js').start(process.argv.slice(2));
