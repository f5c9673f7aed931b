/**
 * The storage contract's shared harness: `describeContract('companies', (t) => ...)` registers
 * the suite once per dialect in TEST_DIALECTS, named "companies storage contract on <dialect>" (so
 * the PostgreSQL half carries "postgres" in every test's full name). Each dialect gets one fresh,
 * migrated database for the file; every test seeds its own clients, so tests never depend on
 * each other's rows.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { Client } from '../../../src/domain/client.js';
import type { Company } from '../../../src/domain/company.js';
import type { Connection } from '../../../src/domain/connection.js';
import { createStore } from '../../../src/storage/kysely/create-store.js';
import { migrateToLatest, openDatabase, type Database } from '../../../src/storage/kysely/database.js';
import type { Store } from '../../../src/storage/ports.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase, type TestDialect } from '../../support/databases.js';
import { buildClient, buildCompany, buildConnection } from './fixtures.js';

export interface ContractHarness {
  readonly dialect: TestDialect;
  /** Set once the suite's beforeAll has run: use inside hooks and tests only. */
  readonly store: Store;
  readonly database: Database;
  /** A fresh tenant, inserted. */
  seedClient(overrides?: Partial<Client>): Promise<Client>;
  seedCompany(clientId: string, overrides?: Partial<Company>): Promise<Company>;
  seedConnection(company: Company, overrides?: Partial<Connection>): Promise<Connection>;
}

export function describeContract(subject: string, body: (t: ContractHarness) => void): void {
  describe.each(TEST_DIALECTS)(`${subject} storage contract on %s`, (dialect) => {
    let testDb: TestDatabase | undefined;
    let opened: { database: Database; store: Store } | undefined;
    const ready = () => {
      if (!opened) throw new Error('the contract database is not open yet (used outside a hook or test?)');
      return opened;
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      const database = openDatabase(testDb.config);
      await migrateToLatest(database.db, database.dialect);
      opened = { database, store: createStore(database.db, database.dialect) };
    });

    afterAll(async () => {
      await opened?.database.close();
      await testDb?.drop();
    });

    const harness: ContractHarness = {
      dialect,
      get store() {
        return ready().store;
      },
      get database() {
        return ready().database;
      },
      async seedClient(overrides = {}) {
        const client = buildClient(overrides);
        await ready().store.clients.insert(client);
        return client;
      },
      async seedCompany(clientId, overrides = {}) {
        const company = buildCompany(clientId, overrides);
        await ready().store.companies.insert(company);
        return company;
      },
      async seedConnection(company, overrides = {}) {
        const connection = buildConnection(company, overrides);
        await ready().store.connections.insert(connection);
        return connection;
      },
    };
    body(harness);
  });
}
