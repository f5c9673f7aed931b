#!/usr/bin/env node
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createRuntime, VERSION } from './bootstrap/create-runtime.js';
import { createClient } from './services/clients/create-client.js';

const USAGE = 'Usage: doorway [serve | migrate | create-client <name> [slug]]';

/**
 * `doorway serve` (default) starts the HTTP server; `migrate` only applies migrations;
 * `create-client` adds a tenant and prints its first API key once.
 */
async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  if (!['serve', 'migrate', 'create-client'].includes(command) || (command === 'create-client' && !argv[1])) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig(process.env);
  const runtime = await createRuntime(config);
  if (command === 'migrate') {
    runtime.log.info('migrations applied');
    await runtime.close();
    return;
  }
  if (command === 'create-client') {
    const { client, apiKey } = await createClient(runtime.deps, { name: argv[1]!, slug: argv[2] });
    process.stdout.write(`Created client "${client.name}" (${client.id}, slug ${client.slug}). API key (shown once):\n\n  ${apiKey}\n\n`);
    await runtime.close();
    return;
  }
  const { generatedApiKey, client } = runtime.defaultClient;
  if (generatedApiKey) {
    // Printed once, to stdout rather than the log stream, because it is shown only this time.
    process.stdout.write(
      `\nDoorway created the client "${client.name}". Its API key (shown once, store it now):\n\n  ${generatedApiKey}\n\n` +
        `Use it as: Authorization: Basic ${Buffer.from(generatedApiKey).toString('base64')}\n\n`,
    );
  }
  const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, (info) => {
    runtime.log.info({ port: info.port, publicUrl: config.publicUrl, database: config.database.kind, version: VERSION }, 'Doorway is listening');
  });
  const shutdown = (signal: string) => {
    runtime.log.info({ signal }, 'shutting down');
    server.close(() => void runtime.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Doorway failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
