import { execFileSync } from 'node:child_process';

/**
 * The browser suites need the built Link and Portal apps; building takes a few seconds, so every
 * run builds them fresh rather than trusting a stale dist/.
 */
export default function setup(): void {
  for (const config of ['web/link/vite.config.ts', 'web/portal/vite.config.ts']) {
    execFileSync('npx', ['vite', 'build', '--config', config, '--logLevel', 'warn'], { stdio: 'inherit' });
  }
}
