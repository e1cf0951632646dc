// SPDX-License-Identifier: MIT
// Preloaded into electronegativity by scripts/electron-lint.mjs. It writes its CSV with two
// fs.writeFile calls that run at once: the header (flag 'w', which truncates) and the rows (flag
// 'a'). When the rows land first, the header's write truncates them away and the lint reads "no
// findings" (seen under load). Writes to one file here run one after another, in call order.
'use strict';
const fs = require('node:fs');

const writeFile = fs.writeFile;
const queues = new Map();

fs.writeFile = function orderedWriteFile(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? {} : (options ?? {});
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(
    () =>
      new Promise((resolve) => {
        writeFile.call(fs, file, data, opts, (err) => {
          resolve();
          if (done) done(err);
        });
      }),
  );
  queues.set(file, next);
};
