#!/usr/bin/env node
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createRuntime, VERSION } from './bootstrap/create-runtime.js';
import { exportConnectionsToFile, ExportFileExistsError } from './bootstrap/export-connections-file.js';
import { createClient } from './services/clients/create-client.js';
import { ensureFirstAdmin } from './services/portal-auth/ensure-first-admin.js';
import { staffEmailInUse } from './services/portal-auth/staff-email-in-use.js';

const USAGE = 'Usage: doorway [serve | worker | migrate | create-client <name> [slug] [--admin-email <email>] | export-connections <file>]';

const COMMANDS = ['serve', 'worker', 'migrate', 'create-client', 'export-connections'];

/**
 * `doorway serve` (default) starts the HTTP server; `migrate` only applies migrations;
 * `create-client` adds a tenant and prints its first API key once; `export-connections` writes
 * every connection with its decrypted credentials to a new file (mode 0600), to move elsewhere.
 */
async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  if (!COMMANDS.includes(command) || ((command === 'create-client' || command === 'export-connections') && !argv[1])) {
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
    const emailAt = argv.indexOf('--admin-email');
    const adminEmail = emailAt > 0 ? argv[emailAt + 1] : undefined;
    const positional = argv.slice(1, emailAt > 0 ? emailAt : undefined);
    // One account per email across clients: refuse before creating a client that would have no admin.
    if (adminEmail && (await staffEmailInUse(runtime.deps, adminEmail))) {
      process.stderr.write(`${adminEmail} already has a Doorway account (a person belongs to one client). Choose another --admin-email.\n`);
      process.exitCode = 1;
      await runtime.close();
      return;
    }
    const { client, apiKey } = await createClient(runtime.deps, { name: positional[0]!, slug: positional[1] });
    process.stdout.write(`Created client "${client.name}" (${client.id}, slug ${client.slug}). API key (shown once):\n\n  ${apiKey}\n\n`);
    // Its first Portal admin, with a generated password shown this once.
    const admin = await ensureFirstAdmin(runtime.deps, client.id, { email: adminEmail });
    if (admin.createdEmail) {
      process.stdout.write(`Portal admin ${admin.createdEmail}, password (shown once):\n\n  ${admin.generatedPassword}\n\nSign in at ${config.publicUrl}/portal\n\n`);
    }
    await runtime.close();
    return;
  }
  if (command === 'export-connections') {
    try {
      const { connections, unreadable } = await exportConnectionsToFile(runtime, argv[1]!);
      process.stdout.write(`Exported ${connections} connections to ${argv[1]} (mode 0600; it holds their credentials in plain text).\n`);
      if (unreadable > 0) {
        process.stderr.write(`${unreadable} connections' credentials could not be opened (see credentialsError in the file): was DOORWAY_ENCRYPTION_KEY changed?\n`);
      }
    } catch (error) {
      if (!(error instanceof ExportFileExistsError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } finally {
      await runtime.close();
    }
    return;
  }
  const shutdownOn = (stop: () => Promise<void>) => {
    const handler = (signal: string) => {
      runtime.log.info({ signal }, 'shutting down');
      setTimeout(() => process.exit(0), 10_000).unref();
      void stop().then(() => process.exit(0));
    };
    process.once('SIGINT', () => handler('SIGINT'));
    process.once('SIGTERM', () => handler('SIGTERM'));
  };
  if (command === 'worker') {
    // A background-only process (webhook delivery, token refresh): any number of them can run against PostgreSQL.
    runtime.worker.start();
    runtime.tokenRefreshJob.start();
    runtime.log.info({ database: config.database.kind }, 'Doorway webhook worker started (it refreshes OAuth tokens in the background too)');
    shutdownOn(() => runtime.close());
    return;
  }
  if (config.webhooks.worker === 'inline') runtime.worker.start();
  if (config.tokenRefresh.worker === 'inline') runtime.tokenRefreshJob.start();
  // Every serving process prunes; on PostgreSQL several doing so at once is harmless.
  runtime.pruner.start();
  const { generatedApiKey, client } = runtime.defaultClient;
  if (generatedApiKey) {
    // Printed once, to stdout rather than the log stream, because it is shown only this time.
    process.stdout.write(
      `\nDoorway created the client "${client.name}". Its API key (shown once, store it now):\n\n  ${generatedApiKey}\n\n` +
        `Use it as: Authorization: Basic ${Buffer.from(generatedApiKey).toString('base64')}\n\n`,
    );
  }
  const { createdEmail, generatedPassword } = runtime.firstAdmin;
  if (createdEmail && generatedPassword) {
    process.stdout.write(
      `\nDoorway created the Portal admin ${createdEmail}. Its password (shown once, store it now):\n\n  ${generatedPassword}\n\n` +
        `Sign in at ${config.publicUrl}/portal\n\n`,
    );
  }
  const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, (info) => {
    runtime.log.info({ port: info.port, publicUrl: config.publicUrl, database: config.database.kind, version: VERSION }, 'Doorway is listening');
  });
  shutdownOn(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Doorway failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
