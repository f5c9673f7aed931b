import { z } from '@hono/zod-openapi';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import { ConnectionSchema, toConnectionOut } from './connections.js';
import { pageOf, PagingQuery } from './paging.js';
import type { WireContext } from './wire-context.js';

export const CompanySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().optional(),
    platform: z.string().openapi({ description: 'Deprecated by Codat; always "" (kept for compatibility with older clients).' }),
    redirect: z.url().openapi({ description: "The company's Hosted Link URL." }),
    lastSync: z.string().optional(),
    created: z.string(),
    createdByUserName: z.string().nullable(),
    products: z.array(z.string()),
    tags: z.record(z.string(), z.string()),
    referenceSubsidiaryCompanies: z.array(z.object({ id: z.uuid(), name: z.string() })),
    dataConnections: z.array(ConnectionSchema),
  })
  .openapi('Company');

export const CompaniesSchema = pageOf(CompanySchema, 'Companies');

export const CompanyAccessTokenSchema = z
  .object({ accessToken: z.string(), expiresIn: z.number().int(), tokenType: z.string() })
  .openapi('CompanyAccessToken');

const Tags = z.record(z.string(), z.string()).openapi({ example: { uid: 'merchant-123' }, description: 'At most 10 tags; keys 1–27 chars, values ≤ 100.' });

export const CompanyRequestBody = z
  .object({
    name: z.string().min(1).openapi({ example: 'Bank of Dave', description: 'Characters outside letters, digits, spaces and - \' , & @ . ? ! are stripped.' }),
    description: z.string().nullable().optional(),
    tags: Tags.nullable().optional(),
  })
  .openapi('CompanyRequestBody');

export const CompanyUpdateRequest = z
  .object({ name: z.string().min(1).nullable().optional(), description: z.string().nullable().optional(), tags: Tags.nullable().optional() })
  .openapi('CompanyUpdateRequest');

export const ListCompaniesQuery = PagingQuery.extend({
  tags: z.string().max(2048).optional().openapi({ example: 'uid=merchant-123', description: 'Tag filter: `key=value`, `!=`, `~`, joined with && / ||.' }),
});

/**
 * Domain → Codat `Company`. Optional fields that are null are omitted rather than sent as null,
 * because Codat's SDK validates them as `string | undefined`.
 */
export function toCompanyOut(ctx: WireContext, view: CompanyWithConnections): z.infer<typeof CompanySchema> {
  const { company } = view;
  return {
    id: company.id,
    name: company.name,
    ...(company.description !== null ? { description: company.description } : {}),
    platform: '',
    redirect: ctx.urls.companyLink(company.id),
    ...(company.lastSync ? { lastSync: company.lastSync } : {}),
    created: company.created,
    createdByUserName: company.createdByUserName,
    products: [],
    tags: company.tags,
    referenceSubsidiaryCompanies: [],
    dataConnections: view.connections.map((connection) => toConnectionOut(ctx, connection)),
  };
}
