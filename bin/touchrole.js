#!/usr/bin/env node
// SPDX-License-Identifier: MIT
'use strict';
// The AWS SDK warns on Node 20 about its future Node 22 requirement on every first client; the
// warning is not actionable for touchrole users, whose stderr the AWS CLI may show.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('../dist/src-main/cli/main.js').main(process.argv.slice(2));
