/**
 * The public integration events: what other systems learn from Kafka. Each feature declares
 * versioned public schemas of its own (not the internal events verbatim), so the internal model
 * can change without breaking consumers, and confidential text stays inside unless its policy
 * allows it. docs/integration-events.md documents every type; keep the two in step.
 */
import { RecordedEvent } from '../../events/envelope';
import { FeatureRegistry, PublicEvent } from '../kernel/feature-registry';
import { nameBasedId } from '../kernel/ids';
import { CloudEventHeaders, cloudEventHeaders } from './cloudevents';

export const EVENT_TYPE_PREFIX = 'cn.legislink.';

/** A Kafka record ready to send: binary-mode CloudEvent, JSON value. */
export interface IntegrationMessage {
  topic: string;
  key: string;
  headers: CloudEventHeaders;
  value: string;
}

export interface IntegrationOptions {
  topicPrefix: string;
  /** The CloudEvents `source` of everything this service publishes. */
  source: string;
  /** Operator settings the features' mappings consult. */
  textCategories: readonly string[];
  /** Value and headers of one event at most (see `boundText`); 900 KB unless given. */
  maxEventBytes?: number;
}

/** Well under the broker's default limit of 1 MB, leaving room for the record's framing. */
export const DEFAULT_MAX_EVENT_BYTES = 900_000;

/** The bytes a record takes at the broker, near enough: value, header names and values. */
export function messageBytes({ key, headers, value }: Omit<IntegrationMessage, 'topic'>): number {
  let bytes = Buffer.byteLength(key) + Buffer.byteLength(value);
  for (const [name, header] of Object.entries(headers)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(header);
  }
  return bytes;
}

/** Every string in `value` cut to at most `chars` code points, ending with an ellipsis. */
function cutStrings(value: unknown, chars: number): unknown {
  if (typeof value === 'string') {
    const points = Array.from(value);
    return points.length > chars ? `${points.slice(0, chars).join('')}…` : value;
  }
  if (Array.isArray(value)) return value.map((item) => cutStrings(item, chars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cutStrings(v, chars)]));
  }
  return value;
}

/**
 * Keeps an event with long text (a body, opinion points) under `maxBytes`: every string of its
 * `text` is cut to the same length, halved until the value fits, and `text` says so with
 * `truncated: true` and `originalBytes`, the size of the full text as JSON. An event that is too
 * large for another reason comes back unchanged, for the relay to park.
 */
export function boundText(data: unknown, overheadBytes: number, maxBytes: number): string {
  const value = JSON.stringify(data);
  const budget = maxBytes - overheadBytes;
  const text = (data as { text?: unknown } | null)?.text;
  if (Buffer.byteLength(value) <= budget || text === null || typeof text !== 'object') {
    return value;
  }
  const originalBytes = Buffer.byteLength(JSON.stringify(text));
  for (let chars = Math.floor(budget / 4); chars >= 16; chars = Math.floor(chars / 2)) {
    const cut = JSON.stringify({
      ...(data as object),
      text: { ...(cutStrings(text, chars) as object), truncated: true, originalBytes },
    });
    if (Buffer.byteLength(cut) <= budget) return cut;
  }
  return value;
}

/** Every public event type, e.g. `cn.legislink.submission.submitted.v1`. */
export function integrationEventTypes(registry: FeatureRegistry): string[] {
  const derived = [...registry.derivedEvents.values()].flat();
  return [...registry.publicEvents.values(), ...derived].map(
    (e) => `${EVENT_TYPE_PREFIX}${e.mapping.type}`,
  );
}

/**
 * The public message for a recorded event, given its aggregate's state after the event; null
 * for an event with no public counterpart (none today: the registry insists on one).
 */
export function toIntegrationMessage(
  registry: FeatureRegistry,
  recorded: RecordedEvent,
  state: unknown,
  options: IntegrationOptions,
): IntegrationMessage | null {
  const published = registry.publicEvents.get(recorded.type);
  return published ? messageOf(registry, published, recorded, state, options) : null;
}

/**
 * Every public message for a recorded event: the aggregate's own public event, then the facts
 * derived declarations make of it (notifications), each with an id of its own.
 */
export function toIntegrationMessages(
  registry: FeatureRegistry,
  recorded: RecordedEvent,
  state: unknown,
  options: IntegrationOptions,
): IntegrationMessage[] {
  const own = toIntegrationMessage(registry, recorded, state, options);
  const derived = (registry.derivedEvents.get(recorded.type) ?? []).map((published) =>
    messageOf(registry, published, recorded, state, options),
  );
  return [own, ...derived].filter((m): m is IntegrationMessage => m !== null);
}

function messageOf(
  registry: FeatureRegistry,
  published: PublicEvent,
  recorded: RecordedEvent,
  state: unknown,
  options: IntegrationOptions,
): IntegrationMessage | null {
  const owner = registry.aggregateOf(recorded.streamId);
  if (!owner) return null;
  const event = registry.catalogue.upcast(recorded);
  const data = published.mapping.data(event.data as never, {
    actedBy: {
      organisationId: recorded.metadata.actor.organisationId,
      role: recorded.metadata.actor.role,
    },
    state,
    settings: { textCategories: options.textCategories },
  });
  if (data === null) return null;
  const type = `${EVENT_TYPE_PREFIX}${published.mapping.type}`;
  const headers = cloudEventHeaders({
    id: published.declaration.derived
      ? nameBasedId(`${recorded.eventId}:${type}`)
      : recorded.eventId,
    type,
    source: options.source,
    subject: owner.id,
    time: recorded.metadata.occurredAt,
    dataschema: `urn:legislink:schema:${type}`,
    correlationid: recorded.metadata.correlationId,
    causationid: recorded.metadata.causationId,
    revision: String(recorded.revision),
    partitionkey: owner.id,
  });
  return {
    topic: `${options.topicPrefix}${published.declaration.topic}`,
    key: owner.id,
    headers,
    value: boundText(
      data,
      messageBytes({ key: owner.id, headers, value: '' }),
      options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    ),
  };
}
