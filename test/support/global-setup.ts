import { execFileSync } from 'node:child_process';

/**
 * The browser suites need the built Link app; building takes about a second, so every run
 * builds it fresh rather than trusting a stale dist/.
 */
export default function setup(): void {
  execFileSync('npx', ['vite', 'build', '--config', 'web/link/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}
