#!/usr/bin/env node
// `npm start`, `npm run worker`, `npm run doorway -- <command>`: rebuild dist/ if the sources
// changed (scripts/build.mjs), then run Doorway in this same process, so signals reach it directly.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, REPO_ROOT } from './build.mjs';

ensureBuilt();
const main = path.join(REPO_ROOT, 'dist', 'src', 'main.js');
// main.js reads its command from process.argv.slice(2), as if started as `node dist/src/main.js …`.
process.argv.splice(1, 1, main);
await import(pathToFileURL(main).href);
