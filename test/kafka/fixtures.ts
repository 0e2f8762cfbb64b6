import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NewEvent } from '../../src/events/envelope';
import { SubmissionDraftedV1 } from '../../src/events/submission-events';
import { EventStore } from '../../src/platform/event-store/event-store.port';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { DEFAULT_MAX_EVENT_BYTES } from '../../src/platform/integration/integration-events';
import { createKafka } from '../../src/platform/integration/kafka';
import { Relay } from '../../src/platform/integration/relay';
import { FEATURES } from '../../src/features';
import { FeatureRegistry } from '../../src/platform/kernel/feature-registry';

const metadata = (correlationId: string) => ({
  occurredAt: new Date().toISOString(),
  actor: { userId: 'fixture', organisationId: 'cn-220000-npcpg', role: 'party_group' as const },
  correlationId,
  causationId: null,
});

/** A submission stream: drafted (with `draft` changed), then `amendments` amended drafts. */
export function submissionHistory(
  amendments: number,
  draft: Partial<SubmissionDraftedV1> = {},
): { streamId: string; events: NewEvent[] } {
  const submissionId = randomUUID();
  const drafted: SubmissionDraftedV1 = {
    submissionId,
    kind: 'report',
    category: 'drafting',
    title: `草案 ${submissionId}`,
    summary: 'summary',
    body: '正文',
    documentNumber: null,
    classification: 'internal',
    replyRequestedBy: null,
    references: [],
    submittingOrganisationId: 'cn-220000-npcpg',
    addressedCommitteeId: 'cn-220000-pc',
    replacesSubmissionId: null,
    ...draft,
  };
  const events: NewEvent[] = [
    {
      eventId: randomUUID(),
      type: 'SubmissionDrafted',
      schemaVersion: 1,
      data: drafted,
      metadata: metadata(submissionId),
    },
    ...Array.from({ length: amendments }, (_, i) => ({
      eventId: randomUUID(),
      type: 'SubmissionDraftAmended',
      schemaVersion: 1,
      data: { summary: `summary ${i + 1}` },
      metadata: metadata(submissionId),
    })),
  ];
  return { streamId: `submission-${submissionId}`, events };
}

/** Appends `streams` submission histories of `perStream` events each; returns how many. */
export async function seed(store: EventStore, streams: number, perStream: number): Promise<number> {
  for (let i = 0; i < streams; i++) {
    const { streamId, events } = submissionHistory(perStream - 1);
    await store.append(streamId, events, 'no_stream');
  }
  return streams * perStream;
}

export interface RelayFixture {
  brokers: string;
  topicPrefix: string;
  store: EventStore;
  read: ReadDatabase;
  name?: string;
  textCategories?: string[];
  maxEventBytes?: number;
}

/** A relay as the service builds one, outside Nest; quiet unless it has something to say. */
export function newRelay({
  brokers,
  topicPrefix,
  store,
  read,
  name = 'Relay',
  textCategories = [],
  maxEventBytes = DEFAULT_MAX_EVENT_BYTES,
}: RelayFixture): Relay {
  const logger = new Logger(name);
  return new Relay({
    store,
    db: read.db,
    kafka: createKafka(
      { brokers: brokers.split(','), clientId: 'legislink', topicPrefix, sessionTimeoutMs: 6000 },
      logger,
    ),
    topicPrefix,
    source: 'urn:legislink:legislink',
    textCategories,
    maxEventBytes,
    registry: new FeatureRegistry(FEATURES),
    sessionTimeoutMs: 6000,
    logger,
  });
}
