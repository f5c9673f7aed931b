import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE_NAME } from '../../src/bootstrap/data-dir-lock.js';

describe('data directory lock', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates doorway.lock holding our pid and removes it on release', () => {
    const dir = newDir();
    const lock = acquireDataDirLock(dir);
    const file = path.join(dir, LOCK_FILE_NAME);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(file)).toBe(false);
    lock.release(); // idempotent
  });

  it('creates the data directory if needed', () => {
    const dir = path.join(newDir(), 'nested', 'data');
    acquireDataDirLock(dir).release();
    expect(fs.existsSync(dir)).toBe(true);
  });

  it('refuses a directory owned by another running process, naming the pid and the path', () => {
    const dir = newDir();
    const file = path.join(dir, LOCK_FILE_NAME);
    const owner = process.ppid; // our parent: certainly alive, certainly not us
    fs.writeFileSync(file, `${owner}\n`);
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`Another Doorway process \\(pid ${owner}\\).*${escape(path.resolve(dir))}`));
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(String(owner)); // untouched
  });

  it('takes over a stale lock left by a dead process', () => {
    const dir = newDir();
    const file = path.join(dir, LOCK_FILE_NAME);
    const child = spawnSync(process.execPath, ['-e', '0']);
    expect(child.pid).toBeGreaterThan(0);
    fs.writeFileSync(file, `${child.pid}\n`); // it has exited
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock naming our own pid (a restarted container often reuses it) and garbage', () => {
    const dir = newDir();
    const file = path.join(dir, LOCK_FILE_NAME);
    fs.writeFileSync(file, `${process.pid}\n`);
    acquireDataDirLock(dir).release();
    fs.writeFileSync(file, 'not a pid');
    acquireDataDirLock(dir).release();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('does not delete a lock another process has since taken over', () => {
    const dir = newDir();
    const file = path.join(dir, LOCK_FILE_NAME);
    const lock = acquireDataDirLock(dir);
    fs.writeFileSync(file, `${process.ppid}\n`);
    lock.release();
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(String(process.ppid));
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
