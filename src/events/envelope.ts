/**
 * The envelope every stored event travels in. Domain events are facts named in the past tense;
 * their payload types live beside this file, one file per aggregate.
 */

export const ROLES = [
  'legislature',
  'party_group',
  'committee_office',
  'analyst',
  'admin',
  // Staff of a local legislative outreach office (基层立法联系点): they enter the opinions
  // their office collects and record that its contributors were told back.
  'outreach',
  // A member of the public on the open consultation form: no token carries it; the public
  // endpoints act in it for nobody in particular.
  'public',
] as const;
export type Role = (typeof ROLES)[number];

/** How the UI names an enum value: in Chinese, the terms users know, and in English. */
export interface Label {
  zh: string;
  en: string;
}

/** Who caused an event: a person acting for an organisation in one role, or a service identity. */
export interface Actor {
  userId: string;
  userName?: string;
  organisationId: string;
  role: Role;
}

export interface EventMetadata {
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
}

/** An event about to be appended. `eventId` makes a retried append idempotent. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

/**
 * An event as the store returns it. `position` is the place in the global log (see
 * `LogPosition`); `hash` chains it to `previousHash`, the hash of the stream's previous event.
 */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<
  Type,
  Data
> {
  streamId: string;
  revision: number;
  position: string;
  recordedAt: string;
  previousHash: string;
  hash: string;
}

/** A domain event before it gets its envelope: what a decider returns. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** Turns a payload of one schema version into the next version's payload. */
export type Upcaster = (data: unknown) => unknown;

/**
 * The schema of one event type. Stored events are never rewritten: a new payload shape gets a
 * new `current` version and an upcaster from the old one.
 */
export interface EventSchema {
  /** The version new events are written with. */
  current: number;
  /** `upcasters[v]` turns a version-v payload into version v+1. */
  upcasters: Record<number, Upcaster>;
}

/** The first version of a type, with nothing to upcast. */
export const FIRST_VERSION: EventSchema = { current: 1, upcasters: {} };
