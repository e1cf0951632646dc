#!/usr/bin/env node
// SPDX-License-Identifier: MIT
'use strict';
require('../dist/src-main/cli/main.js').main(process.argv.slice(2));
