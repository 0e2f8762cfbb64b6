import { DomainEvent, RecordedEvent } from './envelope';
import { OrganisationEvent } from './organisation-events';
import { SubmissionEvent } from './submission-events';

export * from './envelope';
export * from './organisation-events';
export * from './submission-events';

export type LegislinkEvent = OrganisationEvent | SubmissionEvent;
export type LegislinkEventType = LegislinkEvent['type'];

type Upcaster = (data: unknown) => unknown;

interface EventSchema {
  /** The version new events are written with. */
  current: number;
  /** `upcasters[v]` turns a version-v payload into version v+1. */
  upcasters: Record<number, Upcaster>;
}

const v1: EventSchema = { current: 1, upcasters: {} };

/**
 * Every event type the service writes, with its current schema version. Stored events are never
 * rewritten: a new payload shape gets a new version here and an upcaster from the old one.
 */
export const EVENT_SCHEMAS: Record<LegislinkEventType, EventSchema> = {
  OrganisationRegistered: v1,
  SubmissionDrafted: v1,
  SubmissionDraftAmended: v1,
  ProposalToPartyGroupRecorded: v1,
  PartyGroupDiscussionRecorded: v1,
  SubmissionSubmitted: v1,
  SubmissionReceived: v1,
  SupplementaryMaterialRequested: v1,
  SupplementaryMaterialSupplied: v1,
  CommitteeMeetingRecorded: v1,
  OpinionIssued: v1,
  OpinionPointFeedbackGiven: v1,
  SubmissionClosed: v1,
  SubmissionWithdrawn: v1,
  SubmissionViewerGranted: v1,
};

/** The schema of a known type; `Object.hasOwn` so that names like `constructor` are unknown. */
function schemaOf(type: string): EventSchema | undefined {
  return Object.hasOwn(EVENT_SCHEMAS, type) ? EVENT_SCHEMAS[type as LegislinkEventType] : undefined;
}

export function currentSchemaVersion(type: string): number {
  const schema = schemaOf(type);
  if (!schema) throw new Error(`Unknown event type ${type}`);
  return schema.current;
}

/** Brings a stored event's payload up to its type's current schema version. */
export function upcast(event: RecordedEvent): DomainEvent {
  const schema = schemaOf(event.type);
  if (!schema) return { type: event.type, data: event.data };
  let data = event.data;
  for (let version = event.schemaVersion; version < schema.current; version++) {
    const step = schema.upcasters[version];
    if (!step) throw new Error(`No upcaster for ${event.type} v${version}`);
    data = step(data);
  }
  return { type: event.type, data };
}

export function isLegislinkEvent(event: DomainEvent): event is LegislinkEvent {
  return schemaOf(event.type) !== undefined;
}
