#!/usr/bin/env node
'use strict';
// A short CLI run would otherwise wait at exit for V8 to finish optimising tree-sitter's wasm in the background
// (~150 ms); the baseline wasm compiler is fast enough for parsing. Set here, not in the library, because it is
// process-wide and the extension host is long-lived.
require('v8').setFlagsFromString('--liftoff-only');
require('../dist/cli.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
