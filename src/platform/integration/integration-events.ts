/**
 * The public integration events: what other systems learn from Kafka. Each feature declares
 * versioned public schemas of its own (not the internal events verbatim), so the internal model
 * can change without breaking consumers, and confidential text stays inside unless its policy
 * allows it. docs/integration-events.md documents every type; keep the two in step.
 */
import { RecordedEvent } from '../../events/envelope';
import { FeatureRegistry } from '../kernel/feature-registry';
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
}

/** Every public event type, e.g. `cn.legislink.submission.submitted.v1`. */
export function integrationEventTypes(registry: FeatureRegistry): string[] {
  return [...registry.publicEvents.values()].map((e) => `${EVENT_TYPE_PREFIX}${e.mapping.type}`);
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
  const owner = registry.aggregateOf(recorded.streamId);
  if (!published || !owner) return null;
  const event = registry.catalogue.upcast(recorded);
  const data = published.mapping.data(event.data as never, {
    actedBy: {
      organisationId: recorded.metadata.actor.organisationId,
      role: recorded.metadata.actor.role,
    },
    state,
    settings: { textCategories: options.textCategories },
  });
  const type = `${EVENT_TYPE_PREFIX}${published.mapping.type}`;
  return {
    topic: `${options.topicPrefix}${published.declaration.topic}`,
    key: owner.id,
    headers: cloudEventHeaders({
      id: recorded.eventId,
      type,
      source: options.source,
      subject: owner.id,
      time: recorded.metadata.occurredAt,
      dataschema: `urn:legislink:schema:${type}`,
      correlationid: recorded.metadata.correlationId,
      causationid: recorded.metadata.causationId,
      revision: String(recorded.revision),
      partitionkey: owner.id,
    }),
    value: JSON.stringify(data),
  };
}
