import { Inject, Injectable } from '@nestjs/common';
import {
  SUBMISSION_CATEGORY_LABELS,
  SubmissionCategory,
  SubmissionContent,
} from '../../events/submission-events';
import { ActorContext, actingRole } from '../../platform/access/actor';
import { Clock } from '../../platform/kernel/clock';
import { ForbiddenError, NotFoundError } from '../../platform/kernel/domain-errors';
import { EVENT_STORE, EventStore } from '../../platform/event-store/event-store.port';
import { DomainEvent } from '../../events/envelope';
import { StreamChains } from '../../platform/event-store/stream-chains';
import { statement } from '../../platform/kernel/projection';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { Page, keysetParams, pageOf } from '../../platform/http/paging';
import { readableBy, readableIds, readerParams } from '../../platform/projections/readers-table';
import {
  FeedbackRevisionRow,
  MaterialRequestRow,
  OpinionPointRow,
  SubmissionRow,
} from '../../projections/submissions.projection';
import { beijingDate } from '../calendar/working-day-calendar';
import { openSteps } from '../../platform/kernel/workflow';
import { SubmissionEvent } from '../../events/submission-events';
import { submissionDecider } from './submission.decider';
import { READ_REASONS, mayDraftRevision } from './submission.policy';
import { ListedStatus, STATUS_LABELS } from './submission.state';
import { ListQueryDto, SubmissionDetailView, SubmissionSummaryView } from './submission.dto';

const AWAITING_REPLY = `('submitted', 'received', 'awaiting_material', 'committee_discussed')`;

/**
 * What is late as of `@today` (Beijing): the reply, the feedback, requested material. The reply
 * clock stops while material is awaited; the supply moves its due date on.
 */
const LATE_REPLY = `(s.status IN ${AWAITING_REPLY} AND s.status <> 'awaiting_material'
  AND s.reply_due_by < @today)`;
const LATE_FEEDBACK = `(s.status = 'opinion_issued' AND s.feedback_due_by < @today)`;
const LATE_MATERIAL = `EXISTS (SELECT 1 FROM rm_material_requests m
  WHERE m.submission_id = s.submission_id AND m.supplied_at IS NULL AND m.due_by < @today)`;
/** The due date now running: the reply's while awaited, the feedback's after the opinion. */
const DUE_BY = `CASE WHEN s.status IN ${AWAITING_REPLY} THEN s.reply_due_by
  WHEN s.status = 'opinion_issued' THEN s.feedback_due_by END`;

/** A listed row with what the list sorts by: overdue first, soonest due, oldest, id. */
type ListedRow = SubmissionRow & {
  late_reply: number;
  late_feedback: number;
  late_material: number;
  due_by: string | null;
  sort_key_overdue: number;
  sort_key_due: string;
  sort_key_at: string;
};

const READABLE = readableBy('submission', 's.submission_id');

const LIST_SQL = `
  SELECT * FROM (
    SELECT s.*, ${LATE_REPLY} AS late_reply, ${LATE_FEEDBACK} AS late_feedback,
      ${LATE_MATERIAL} AS late_material, ${DUE_BY} AS due_by,
      CASE WHEN ${LATE_REPLY} OR ${LATE_FEEDBACK} OR ${LATE_MATERIAL} THEN 0 ELSE 1 END AS sort_key_overdue,
      COALESCE(${DUE_BY}, '9999-12-31') AS sort_key_due,
      COALESCE(s.submitted_at, s.created_at) AS sort_key_at
    FROM rm_submissions s
    WHERE s.submission_id IN (${readableIds('submission')})
      AND (@status IS NULL OR s.status = @status)
      AND (@itemId IS NULL OR s.submission_id IN (SELECT j.submission_id FROM submission_subjects j
        WHERE j.subject_kind = 'item' AND j.subject_id = @itemId))
      AND (@decisionId IS NULL OR s.submission_id IN (SELECT j.submission_id
        FROM submission_subjects j WHERE j.subject_kind = 'decision' AND j.subject_id = @decisionId)))
  WHERE (@overdue IS NULL OR sort_key_overdue = 1 - @overdue)
    AND (@after IS NULL OR (sort_key_overdue, sort_key_due, sort_key_at, submission_id)
         > (@k0, @k1, @k2, @k3))
  ORDER BY sort_key_overdue, sort_key_due, sort_key_at, submission_id
  LIMIT @limit`;

const DETAIL_SQL = `SELECT s.*, ${LATE_REPLY} AS late_reply, ${LATE_FEEDBACK} AS late_feedback,
    ${LATE_MATERIAL} AS late_material, ${DUE_BY} AS due_by
  FROM rm_submissions s WHERE s.submission_id = @id AND ${READABLE}`;

/** Whether the caller reads another submission (a revision, the one replaced). */
const READABLE_ID_SQL = `SELECT 1 AS readable FROM (SELECT @id AS submission_id) s WHERE ${READABLE}`;

/** The summary and body as drafted and last amended, from the submission's own events. */
function textOf(history: DomainEvent[]): { summary: string; body: string } {
  const text = { summary: '', body: '' };
  for (const event of history) {
    if (event.type !== 'SubmissionDrafted' && event.type !== 'SubmissionDraftAmended') continue;
    const data = event.data as Partial<SubmissionContent>;
    if (data.summary !== undefined) text.summary = data.summary;
    if (data.body !== undefined) text.body = data.body;
  }
  return text;
}

/** The read side of submissions: lists and detail, every one through the readers table. */
@Injectable()
export class SubmissionQueries {
  constructor(
    private readonly read: ReadDatabase,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: FeatureRegistry,
    private readonly chains: StreamChains,
  ) {}

  private today(): string {
    return beijingDate(this.clock.now());
  }

  /** Every submission the caller reads, or those of one box; overdue first, then due soonest. */
  list(actor: ActorContext, query: ListQueryDto): Page<SubmissionSummaryView> {
    const box = query.box ?? 'all';
    if (box === 'inbox') this.requireOffice(actor);
    if (box === 'outbox') this.requireLegislature(actor);
    const reasons =
      box === 'inbox'
        ? [READ_REASONS.addressee]
        : box === 'outbox'
          ? [READ_REASONS.submitter]
          : box === 'granted'
            ? [READ_REASONS.grant]
            : null;
    const { limit, params } = keysetParams(query, 4);
    const rows = statement<[Record<string, unknown>], ListedRow>(this.read.db, LIST_SQL).all({
      ...readerParams(actor, reasons),
      today: this.today(),
      status: query.status ?? null,
      itemId: query.itemId ?? null,
      decisionId: query.decisionId ?? null,
      overdue: query.overdue === undefined ? null : query.overdue === 'true' ? 1 : 0,
      ...params,
    });
    return pageOf(
      rows,
      limit,
      (r) => [r.sort_key_overdue, r.sort_key_due, r.sort_key_at, r.submission_id],
      (r) => this.summaryOf(r),
    );
  }

  private requireOffice(actor: ActorContext): void {
    if (
      !actingRole(actor, ['committee_office']) ||
      actor.organisation.kind !== 'committee_office'
    ) {
      throw new ForbiddenError(
        'The inbox belongs to a Party Committee office (committee_office role)',
      );
    }
  }

  private requireLegislature(actor: ActorContext): void {
    if (!actingRole(actor, ['party_group', 'legislature'])) {
      throw new ForbiddenError(
        'The outbox belongs to the legislature side (party_group or legislature role)',
      );
    }
  }

  async detail(submissionId: string, actor: ActorContext): Promise<SubmissionDetailView> {
    const db = this.read.db;
    const row = statement<[Record<string, unknown>], ListedRow>(db, DETAIL_SQL).get({
      id: submissionId,
      today: this.today(),
      ...readerParams(actor),
    });
    if (!row) throw new NotFoundError(`Submission ${submissionId} not found`);
    const readable = (id: string | null) =>
      id !== null &&
      statement<[Record<string, unknown>], { readable: number }>(db, READABLE_ID_SQL).get({
        id,
        ...readerParams(actor),
      }) !== undefined;
    const points = statement<[string], OpinionPointRow>(
      db,
      'SELECT * FROM rm_opinion_points WHERE submission_id = ? ORDER BY number',
    ).all(submissionId);
    const revisions = statement<[string], FeedbackRevisionRow>(
      db,
      `SELECT * FROM rm_feedback_revisions WHERE submission_id = ?
       ORDER BY point_number, revision_number`,
    ).all(submissionId);
    const revisionsOf = (point: number) =>
      revisions
        .filter((r) => r.point_number === point)
        .map((r) => ({
          revisionNumber: r.revision_number,
          adoption: r.adoption,
          explanation: r.explanation,
          readingNumber: r.reading_number,
          articles: JSON.parse(r.articles) as string[],
          at: r.at,
        }));
    const material = statement<[string], MaterialRequestRow>(
      db,
      'SELECT * FROM rm_material_requests WHERE submission_id = ? ORDER BY request_number',
    ).all(submissionId);
    // The history is the stream itself, read up to the revision the row shows.
    const streamId = `submission-${submissionId}`;
    const history = (await this.store.readStream(streamId)).filter(
      (e) => e.revision <= row.revision,
    );
    const events = history.map((e) => this.registry.catalogue.upcast(e));
    const state = events.reduce(
      (s, e) => submissionDecider.evolve(s, e as SubmissionEvent),
      submissionDecider.initialState,
    );
    const steps = openSteps(submissionDecider.spec, state, actor);
    if (mayDraftRevision(actor, state, row.replaced_by_submission_id)) steps.push('draft_revision');
    return {
      ...this.summaryOf(row),
      ...textOf(events),
      openSteps: steps,
      classification: row.classification,
      references: JSON.parse(row.references_json) as string[],
      replacesSubmissionId: readable(row.replaces_submission_id)
        ? row.replaces_submission_id
        : null,
      replacedBySubmissionId: readable(row.replaced_by_submission_id)
        ? row.replaced_by_submission_id
        : null,
      replyRequestedBy: row.reply_requested_by,
      receivedAt: row.received_at,
      officeLogNumber: row.office_log_number,
      opinion: row.opinion_outcome
        ? {
            documentNumber: row.opinion_document_number,
            outcome: row.opinion_outcome,
            issuedAt: row.opinion_issued_at,
            feedbackDueBy: row.feedback_due_by,
            points: points.map((p) => ({
              number: p.number,
              text: p.text,
              feedback: p.adoption
                ? {
                    adoption: p.adoption,
                    explanation: p.explanation,
                    givenAt: p.answered_at,
                    readingNumber: p.reading_number,
                    articles: JSON.parse(p.articles ?? '[]') as string[],
                    revisionNumber: p.revision_number ?? 0,
                    revisedAt: p.revised_at,
                    revisions: revisionsOf(p.number),
                  }
                : null,
            })),
          }
        : null,
      materialRequests: material.map((m) => ({
        requestNumber: m.request_number,
        description: m.description,
        dueBy: m.due_by,
        requestedAt: m.requested_at,
        supplied: m.supplied_at
          ? {
              at: m.supplied_at,
              description: m.supplied_description,
              documentReferences: JSON.parse(m.document_references ?? '[]') as string[],
            }
          : null,
      })),
      closedAt: row.closed_at,
      withdrawal: row.withdrawn_at ? { at: row.withdrawn_at, reason: row.withdrawal_reason } : null,
      viewers: {
        organisationIds: JSON.parse(row.viewer_organisation_ids) as string[],
        userIds: JSON.parse(row.viewer_user_ids) as string[],
      },
      history: history.map((e, i) => ({
        revision: e.revision,
        eventId: e.eventId,
        type: e.type,
        occurredAt: e.metadata.occurredAt,
        actor: e.metadata.actor,
        data: events[i].data as Record<string, unknown>,
      })),
      chainVerification: await this.chains.verify(streamId, row.revision, history),
    };
  }

  private summaryOf(row: ListedRow): SubmissionSummaryView {
    const reasons: SubmissionSummaryView['overdueReasons'] = [];
    if (row.late_reply) reasons.push('reply');
    if (row.late_feedback) reasons.push('feedback');
    if (row.late_material) reasons.push('material');
    return {
      submissionId: row.submission_id,
      kind: row.kind,
      category: row.category,
      categoryZh: SUBMISSION_CATEGORY_LABELS[row.category as SubmissionCategory].zh,
      categoryLabel: SUBMISSION_CATEGORY_LABELS[row.category as SubmissionCategory],
      title: row.title,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status as ListedStatus],
      documentNumber: row.document_number,
      submittingOrganisationId: row.submitting_organisation_id,
      addressedCommitteeId: row.addressed_committee_id,
      itemIds: JSON.parse(row.item_ids) as string[],
      decisionIds: JSON.parse(row.decision_ids) as string[],
      createdAt: row.created_at,
      submittedAt: row.submitted_at,
      replyDueBy: row.reply_due_by,
      feedbackDueBy: row.feedback_due_by,
      dueBy: row.due_by,
      overdue: reasons.length > 0,
      overdueReasons: reasons,
      revision: row.revision,
    };
  }
}
