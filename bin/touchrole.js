#!/usr/bin/env node
// SPDX-License-Identifier: MIT
'use strict';
// The AWS SDK warns on Node 20 about its future Node 22 requirement on every first client; the
// warning is not actionable for touchrole users, whose stderr the AWS CLI may show.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const argv = process.argv.slice(2);
// credential_process runs on every `aws` command: it and exec start from the small cache-first
// bundle; the agent from its own; everything else from the full CLI (scripts/build-cli.mjs).
const bundle = argv[0] === 'credential-process' || argv[0] === 'exec' ? 'hot' : argv[0] === 'agent' ? 'agent' : 'cli';
require(`../dist/bundle/${bundle}.js`).main(argv);
