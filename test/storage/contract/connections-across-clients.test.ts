/**
 * ConnectionRepository.pageAcrossClients (the operator export): every client's connections in id
 * order, a page at a time after a given id, each with its company's name and sealed credentials.
 */
import { expect, it } from 'vitest';
import { describeContract } from './harness.js';

describeContract('connections across clients', (t) => {
  it('pages every client\'s connections by id, with company names and sealed credentials', async () => {
    const seeded: string[] = [];
    for (const name of ['First Co', 'Second Co']) {
      const client = await t.seedClient();
      const company = await t.seedCompany(client.id, { name });
      for (let n = 0; n < 3; n += 1) seeded.push((await t.seedConnection(company)).id);
      await t.store.connections.saveCredentials(client.id, seeded.at(-1) ?? '', `sealed-${name}`);
    }
    const all: Array<{ id: string; companyName: string; credentialsSealed: string | null }> = [];
    let afterId: string | null = null;
    for (;;) {
      const page = await t.store.connections.pageAcrossClients(afterId, 2);
      all.push(...page.map((row) => ({ id: row.connection.id, companyName: row.companyName, credentialsSealed: row.credentialsSealed })));
      if (page.length < 2) break;
      afterId = page.at(-1)?.connection.id ?? null;
    }
    const ids = all.map((row) => row.id);
    expect(ids).toEqual([...ids].sort());
    const mine = all.filter((row) => seeded.includes(row.id));
    expect(mine).toHaveLength(6);
    expect(mine.filter((row) => row.credentialsSealed !== null).map((row) => [row.companyName, row.credentialsSealed]).sort()).toEqual([
      ['First Co', 'sealed-First Co'],
      ['Second Co', 'sealed-Second Co'],
    ]);
  });
});
