/**
 * Setup as a new user meets it (issue 9, item 14): `npm start` builds only when the sources
 * changed (scripts/build.mjs, checked in a throwaway project whose "build" only records that it
 * ran), a fresh start listens in seconds, and the README's Quickstart block runs as written.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT } from '../support/doorway-processes.js';
import { startDoorway, TEST_API_KEY, type RunningDoorway } from '../support/start-doorway.js';

const run = promisify(execFile);
const temps: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-setup-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A project with Doorway's layout and build script, whose build steps log to build.log. */
function fakeProject(): { root: string; builds: () => string[]; build: () => Promise<{ code: number; stderr: string }> } {
  const root = tempDir();
  const step = (name: string, output: string) =>
    `node -e "const fs=require('fs');fs.mkdirSync('${path.posix.dirname(output)}',{recursive:true});fs.writeFileSync('${output}','');fs.appendFileSync('build.log','${name}\\n');if(process.env.FAIL_BUILD)process.exit(3)"`;
  const pkg = {
    name: 'fake',
    private: true,
    // build:web makes every UI output, as the real one does (scripts/build.mjs checks for each).
    scripts: {
      'build:ts': step('ts', 'dist/src/main.js'),
      'build:web': `${step('web', 'dist/web/link/index.html')} && node -e "const fs=require('fs');fs.mkdirSync('dist/web/portal',{recursive:true});fs.mkdirSync('dist/web/embed',{recursive:true});for(const f of ['link-sdk.js','connections-sdk.js'])fs.writeFileSync('dist/web/embed/'+f,'')"`,
    },
  };
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg));
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.copyFileSync(path.join(REPO_ROOT, 'scripts/build.mjs'), path.join(root, 'scripts/build.mjs'));
  for (const file of ['src/main.ts', 'src/main.test.ts', 'web/link/src/app.tsx']) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), `// ${file}\n`);
  }
  const builds = () => {
    const log = path.join(root, 'build.log');
    return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  };
  const build = async (env: Record<string, string> = {}) => {
    try {
      const { stderr } = await run(process.execPath, ['scripts/build.mjs'], { cwd: root, env: { ...process.env, ...env } });
      return { code: 0, stderr };
    } catch (error) {
      const { code, stderr } = error as { code: number; stderr: string };
      return { code, stderr };
    }
  };
  return { root, builds, build: () => build() };
}

describe('the start script', () => {
  it('builds when dist is missing, skips when fresh, and rebuilds after a source change', { timeout: 120_000 }, async () => {
    const project = fakeProject();
    expect((await project.build()).code).toBe(0);
    expect(project.builds()).toEqual(['ts', 'web']);
    expect(fs.existsSync(path.join(project.root, 'dist/.build-stamp'))).toBe(true);

    expect((await project.build()).code).toBe(0);
    expect(project.builds()).toEqual(['ts', 'web']); // fresh: nothing ran

    fs.appendFileSync(path.join(project.root, 'src/main.test.ts'), '// a test is not part of the build\n');
    await project.build();
    expect(project.builds()).toHaveLength(2);

    fs.appendFileSync(path.join(project.root, 'web/link/src/app.tsx'), '// changed\n');
    const stale = await project.build();
    expect(stale.stderr).toMatch(/older than the sources/);
    expect(project.builds()).toEqual(['ts', 'web', 'ts', 'web']);

    fs.rmSync(path.join(project.root, 'dist/src/main.js'));
    await project.build();
    expect(project.builds()).toHaveLength(6);

    fs.writeFileSync(path.join(project.root, 'src/new-file.ts'), 'export {};\n');
    await project.build();
    expect(project.builds()).toHaveLength(8);
  });

  it('leaves no stamp after a failed build, so the next start tries again', { timeout: 60_000 }, async () => {
    const project = fakeProject();
    const failing = await run(process.execPath, ['scripts/build.mjs'], { cwd: project.root, env: { ...process.env, FAIL_BUILD: '1' } }).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
    expect(failing).not.toBe(0);
    expect(fs.existsSync(path.join(project.root, 'dist/.build-stamp'))).toBe(false);
    expect((await project.build()).code).toBe(0);
    expect(fs.existsSync(path.join(project.root, 'dist/.build-stamp'))).toBe(true);
  });

  it('is what npm start, npm install and npm ci run (no rebuild on every start)', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.prestart).toBeUndefined();
    expect(scripts.start).toBe('node scripts/start.mjs');
    expect(scripts.prepare).toBe('node scripts/build.mjs');
  });
});

describe('npm start on built sources', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  /** Starts scripts/start.mjs on a free port; resolves once /healthz answers, with how long that took. */
  async function start(): Promise<{ ms: number; output: () => string }> {
    const port = await freePort();
    const begun = Date.now();
    let output = '';
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: tempDir(), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) return { ms: Date.now() - begun, output: () => output };
      if (child.exitCode !== null) throw new Error(`start.mjs exited with ${child.exitCode}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function stop(): Promise<void> {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    await exited;
    child = undefined;
  }

  it('listens within seconds when dist matches the sources, without building', { timeout: 240_000 }, async () => {
    // The first start builds if this checkout's dist is stale (CI built it in npm ci's prepare).
    await start();
    await stop();
    const second = await start();
    expect(second.output()).not.toMatch(/building/);
    expect(second.ms).toBeLessThan(5_000);
    await stop();
  });
});

describe('the README Quickstart', () => {
  let doorway: RunningDoorway;
  beforeAll(async () => {
    doorway = await startDoorway();
  });
  afterAll(async () => {
    await doorway?.close();
  });

  it('runs as written in bash, with only the key and the address filled in', async () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Quickstart'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    // The two lines a reader fills in: the key Doorway printed and where it listens.
    expect(block).toMatch(/^KEY=\S+/m);
    expect(block).toMatch(/^DOORWAY=http:\/\/localhost:8080\b/m);
    const script = block!.replace(/^KEY=\S+/m, `KEY='${TEST_API_KEY}'`).replace(/^DOORWAY=\S+/m, `DOORWAY='${doorway.url}'`);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: tempDir() });
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/\/link\/company\/[0-9a-f-]{36}$/);
    const companies = (await doorway.api('GET', `/companies?query=${encodeURIComponent('name=Acme Ltd')}`)).json;
    expect(companies.totalResults).toBe(1);
    const [company] = companies.results as { id: string; redirect: string }[];
    expect(lines.at(-1)).toBe(company!.redirect);
    const connections = (await doorway.api('GET', `/companies/${company!.id}/connections`)).json;
    expect((connections.results as { integrationKey: string }[]).map((c) => c.integrationKey)).toEqual(['mqjo']);
  });
});
