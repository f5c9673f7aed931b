#!/usr/bin/env node
// Builds dist/ only when it is stale, so `npm start` listens in about a second yet never runs old
// code. The stamp dist/.build-stamp holds a hash of everything the build reads (src/, web/,
// bench/, package.json, package-lock.json, the tsconfigs), taken before the build started; a start
// whose sources hash differently rebuilds first. `--force` (npm run build) always builds.
// Plain Node, no dependencies: it runs from `prepare` right after `npm install` / `npm ci`.
//
//   node scripts/build.mjs [--force] [--root <dir>]     (scripts/start.mjs: check, then run Doorway)
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCE_DIRS = ['src', 'web', 'bench'];
// The bench's Link SDK part serves its client page with the tests' client page server.
const SOURCE_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'test/support/client-page-server.ts'];
/** What the build must have produced for a start to work. */
const OUTPUTS = ['dist/src/main.js', 'dist/web/link', 'dist/web/portal', 'dist/web/embed/link-sdk.js', 'dist/web/embed/connections-sdk.js'];
// Tests are not part of the build: editing one does not make dist stale.
const isTest = (name) => /\.test\.tsx?$/.test(name);
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir, files) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else if (entry.isFile() && !isTest(entry.name)) files.push(full);
  }
}

/** One hash over every source file's path and content, in a stable order. */
function sourceHash(root) {
  const files = [];
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir), files);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(root, file))) files.push(path.join(root, file));
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(path.relative(root, file).split(path.sep).join('/')).update('\0');
    hash.update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function run(root, script) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`doorway: "npm run ${script}" failed; dist/ was not updated.`);
    process.exit(result.status ?? 1);
  }
}

/** Builds dist/ unless its stamp matches the sources (or always, with force). */
export function ensureBuilt({ root = REPO_ROOT, force = false } = {}) {
  const stampFile = path.join(root, 'dist', '.build-stamp');
  const hash = sourceHash(root);
  const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  const built = OUTPUTS.every((output) => fs.existsSync(path.join(root, output)));
  if (!force && built && stamp === hash) return;
  console.error(force ? 'doorway: building dist/…' : 'doorway: dist/ is missing or older than the sources: building it first…');
  // A failed build leaves no stamp, so the next start tries again.
  fs.rmSync(stampFile, { force: true });
  run(root, 'build:ts');
  run(root, 'build:web');
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, `${hash}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  ensureBuilt({ force: args.includes('--force'), ...(rootAt >= 0 ? { root: path.resolve(args[rootAt + 1]) } : {}) });
}
