import type { DomainEvent } from '../../domain/events.js';
import { toCompanyOut } from './companies.js';
import { toConnectionOut } from './connections.js';
import type { WireContext } from './wire-context.js';

/**
 * Codat's webhook body, rendered once per event and sent byte for byte on every attempt. The
 * key order (id, eventType, generatedDate, payload) is part of the bytes consumers may have
 * signed or stored, so it is fixed here.
 */
export function renderEventBody(ctx: WireContext, event: DomainEvent, envelope: { id: string; generatedDate: string }): string {
  return JSON.stringify({ id: envelope.id, eventType: event.type, generatedDate: envelope.generatedDate, payload: toEventPayload(ctx, event) });
}

/** The body of the test event a consumer can ask for: the same envelope, a fixed payload. */
export function renderTestEventBody(envelope: { id: string; generatedDate: string }): string {
  return JSON.stringify({ id: envelope.id, eventType: 'webhook.test', generatedDate: envelope.generatedDate, payload: { message: 'This is a test event from Doorway.' } });
}

/** Codat's payloads: company events carry the company's details; connection events carry both. */
export function toEventPayload(ctx: WireContext, event: DomainEvent): unknown {
  const { dataConnections: _omitted, ...companyDetails } = toCompanyOut(ctx, { company: event.company, connections: [] });
  if (!('connection' in event)) return companyDetails;
  const company = event.company;
  return {
    referenceCompany: {
      id: company.id,
      name: company.name,
      ...(company.description !== null ? { description: company.description } : {}),
      // The Portal's page for this company (domain/public-urls.ts), where staff see its connections.
      links: { portal: ctx.urls.portalCompany(company.id) },
      tags: company.tags,
    },
    connection: toConnectionOut(ctx, event.connection),
  };
}
