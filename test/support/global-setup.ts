import { execFileSync } from 'node:child_process';

/**
 * The browser suites need the built Link and Portal apps and the Embedded Link modules; building
 * takes a few seconds, so every run builds them fresh rather than trusting a stale dist/.
 */
const BUILDS: readonly string[][] = [
  ['--config', 'web/link/vite.config.ts'],
  ['--config', 'web/portal/vite.config.ts'],
  ['--config', 'web/embed/vite.config.ts', '--mode', 'link-sdk'],
  ['--config', 'web/embed/vite.config.ts', '--mode', 'connections-sdk'],
];

export default function setup(): void {
  for (const args of BUILDS) execFileSync('npx', ['vite', 'build', ...args, '--logLevel', 'warn'], { stdio: 'inherit' });
}
