import { AppError } from '../../domain/errors.js';
import { MAX_CONSUMER_COMPANY_TAGS } from '../../domain/webhook-consumer.js';

export interface ConsumerSettings {
  url: string;
  eventTypes: string[];
  companyTags: string[] | null;
}

const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9._ ()-]{0,99}$/;
const COMPANY_TAG_PATTERN = /^[^:]{1,27}:.{0,100}$/;

const invalid = (field: keyof ConsumerSettings, message: string) =>
  new AppError('BAD_REQUEST', message, { validation: [{ itemId: field, message, validatorName: 'consumerSettings' }] });

/**
 * The rules a consumer's settings follow, on create and on edit alike. Event types are free-form
 * strings (Codat accepted legacy names during its migration) but must look like event names;
 * `companyTags` entries are `tagKey:tagValue`. Each refusal names its field, so the Portal shows
 * it beside the input and the API lists it under `validation`.
 */
export function checkConsumerSettings(input: { url: string; eventTypes: string[]; companyTags?: string[] | null | undefined }): ConsumerSettings {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw invalid('url', `url '${input.url}' is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('url', 'url must use http or https.');
  if (input.eventTypes.length === 0) throw invalid('eventTypes', 'eventTypes must contain at least one event type.');
  const badType = input.eventTypes.find((type) => !EVENT_TYPE_PATTERN.test(type));
  if (badType !== undefined) throw invalid('eventTypes', `'${badType}' is not a valid event type.`);
  const companyTags = input.companyTags ?? null;
  if (companyTags) {
    if (companyTags.length > MAX_CONSUMER_COMPANY_TAGS) throw invalid('companyTags', `companyTags can have at most ${MAX_CONSUMER_COMPANY_TAGS} entries.`);
    const badTag = companyTags.find((tag) => tag.length > 128 || !COMPANY_TAG_PATTERN.test(tag));
    if (badTag !== undefined) throw invalid('companyTags', `companyTags entry '${badTag}' must look like tagKey:tagValue (at most 128 characters).`);
  }
  return { url: url.toString(), eventTypes: [...new Set(input.eventTypes)], companyTags };
}
