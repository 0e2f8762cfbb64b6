import { Inject, Injectable } from '@nestjs/common';
import { SUBMISSION_CATEGORY_NAMES_ZH, SubmissionCategory } from '../../events/submission-events';
import { Clock } from '../../platform/clock';
import { ForbiddenError, NotFoundError } from '../../platform/domain-errors';
import { ActorContext, actingRole } from '../../platform/access/actor';
import { beijingDate } from '../calendar/working-day-calendar';
import { EVENT_STORE, EventStore } from '../../platform/event-store/event-store.port';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { verifyChains } from '../../platform/event-store/verify-chain';
import { submissionStream } from './submission-commands';
import { canRead } from './submission.decider';
import { SubmissionDetailView, SubmissionSummaryView } from './submission.dto';

interface SubmissionRow {
  submission_id: string;
  kind: string;
  category: SubmissionCategory;
  title: string;
  summary: string;
  body: string;
  document_number: string | null;
  classification: string;
  references_json: string;
  status: string;
  submitting_organisation_id: string;
  addressed_committee_id: string;
  replaces_submission_id: string | null;
  replaced_by_submission_id: string | null;
  reply_requested_by: string | null;
  reply_due_by: string | null;
  submitted_at: string | null;
  received_at: string | null;
  office_log_number: string | null;
  opinion_document_number: string | null;
  opinion_outcome: string | null;
  opinion_issued_at: string | null;
  feedback_due_by: string | null;
  closed_at: string | null;
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
  viewer_organisation_ids: string;
  viewer_user_ids: string;
  revision: number;
  created_at: string;
  updated_at: string;
  material_overdue: number;
}

const AWAITING_REPLY = ['submitted', 'received', 'awaiting_material', 'committee_discussed'];
/** Drafts are the legislature's own: the committee side sees a submission once it is sent. */
const SENT = [...AWAITING_REPLY, 'opinion_issued', 'closed', 'withdrawn'];

export type OverdueReason = 'reply' | 'feedback' | 'material';

/** What is late, as of `today` (Beijing): the reply, the feedback, or requested material. */
export function overdueReasons(row: SubmissionRow, today: string): OverdueReason[] {
  const reasons: OverdueReason[] = [];
  if (AWAITING_REPLY.includes(row.status) && row.reply_due_by && row.reply_due_by < today) {
    reasons.push('reply');
  }
  if (row.status === 'opinion_issued' && row.feedback_due_by && row.feedback_due_by < today) {
    reasons.push('feedback');
  }
  if (row.material_overdue) reasons.push('material');
  return reasons;
}

const SELECT_WITH_MATERIAL = `
  SELECT s.*, EXISTS (
    SELECT 1 FROM rm_material_requests m
    WHERE m.submission_id = s.submission_id AND m.supplied_at IS NULL AND m.due_by < @today
  ) AS material_overdue
  FROM rm_submissions s`;

/** The read side: inbox, outbox, granted list and detail, from the submissions projection. */
@Injectable()
export class SubmissionQueries {
  constructor(
    private readonly read: ReadDatabase,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private today(): string {
    return beijingDate(this.clock.now());
  }

  /** The committee office's inbox: what was sent to its committee, overdue first. */
  inbox(actor: ActorContext, status?: string, overdue?: boolean) {
    if (
      !actingRole(actor, ['committee_office']) ||
      actor.organisation.kind !== 'committee_office'
    ) {
      throw new ForbiddenError(
        'The inbox belongs to a Party Committee office (committee_office role)',
      );
    }
    const rows = this.list(
      `s.addressed_committee_id = @org AND s.status IN (${SENT.map((s) => `'${s}'`).join(',')})`,
      { org: actor.organisation.parentOrganisationId },
    );
    return this.shape(rows, status, overdue);
  }

  /** The Party group's outbox: what its side drafted and sent, overdue first. */
  outbox(actor: ActorContext, status?: string, overdue?: boolean) {
    if (!actingRole(actor, ['party_group', 'legislature'])) {
      throw new ForbiddenError(
        'The outbox belongs to the legislature side (party_group or legislature role)',
      );
    }
    const org = actor.organisation;
    const rows = this.list('s.submitting_organisation_id IN (@org, @parent)', {
      org: org.organisationId,
      parent: org.parentOrganisationId ?? org.organisationId,
    });
    return this.shape(rows, status, overdue);
  }

  /** Submissions explicitly shared with the caller or its organisation (analysts, others). */
  granted(actor: ActorContext) {
    const rows = this.list(
      `(EXISTS (SELECT 1 FROM json_each(s.viewer_organisation_ids) WHERE value = @org)
        OR EXISTS (SELECT 1 FROM json_each(s.viewer_user_ids) WHERE value = @user))`,
      { org: actor.organisation.organisationId, user: actor.userId },
    );
    return this.shape(rows);
  }

  async detail(submissionId: string, actor: ActorContext): Promise<SubmissionDetailView> {
    const row = this.list('s.submission_id = @id', { id: submissionId })[0];
    const readable =
      row &&
      canRead(actor, {
        submittingOrganisationId: row.submitting_organisation_id,
        addressedCommitteeId: row.addressed_committee_id,
        viewerOrganisationIds: JSON.parse(row.viewer_organisation_ids) as string[],
        viewerUserIds: JSON.parse(row.viewer_user_ids) as string[],
        submitted: row.submitted_at !== null,
      });
    if (!row || !readable) throw new NotFoundError(`Submission ${submissionId} not found`);
    const db = this.read.db;
    const points = db
      .prepare<
        [string],
        {
          number: number;
          text: string;
          adoption: string | null;
          explanation: string | null;
          answered_at: string | null;
        }
      >(
        'SELECT number, text, adoption, explanation, answered_at FROM rm_opinion_points WHERE submission_id = ? ORDER BY number',
      )
      .all(submissionId);
    const material = db
      .prepare<
        [string],
        {
          request_number: number;
          description: string;
          due_by: string;
          requested_at: string;
          supplied_at: string | null;
          supplied_description: string | null;
          document_references: string | null;
        }
      >('SELECT * FROM rm_material_requests WHERE submission_id = ? ORDER BY request_number')
      .all(submissionId);
    const history = db
      .prepare<
        [string],
        {
          revision: number;
          event_id: string;
          type: string;
          occurred_at: string;
          actor_json: string;
          data_json: string;
        }
      >('SELECT * FROM rm_submission_history WHERE submission_id = ? ORDER BY revision')
      .all(submissionId);
    const chain = await verifyChains(this.store, submissionStream(submissionId));
    return {
      ...this.summaryOf(row, this.today()),
      summary: row.summary,
      body: row.body,
      classification: row.classification,
      references: JSON.parse(row.references_json) as string[],
      replacesSubmissionId: row.replaces_submission_id,
      replacedBySubmissionId: row.replaced_by_submission_id,
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
                ? { adoption: p.adoption, explanation: p.explanation, givenAt: p.answered_at }
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
      history: history.map((h) => ({
        revision: h.revision,
        eventId: h.event_id,
        type: h.type,
        occurredAt: h.occurred_at,
        actor: JSON.parse(h.actor_json) as object,
        data: JSON.parse(h.data_json) as object,
      })),
      chainVerification: chain,
    };
  }

  private list(where: string, params: Record<string, unknown>): SubmissionRow[] {
    return this.read.db
      .prepare<[Record<string, unknown>], SubmissionRow>(`${SELECT_WITH_MATERIAL} WHERE ${where}`)
      .all({ ...params, today: this.today() });
  }

  private shape(rows: SubmissionRow[], status?: string, overdue?: boolean) {
    const today = this.today();
    return rows
      .map((row) => this.summaryOf(row, today))
      .filter((s) => (status ? s.status === status : true))
      .filter((s) => (overdue === undefined ? true : s.overdue === overdue))
      .sort(
        (a, b) =>
          Number(b.overdue) - Number(a.overdue) ||
          (a.dueBy ?? '9999').localeCompare(b.dueBy ?? '9999') ||
          (a.submittedAt ?? a.createdAt).localeCompare(b.submittedAt ?? b.createdAt),
      );
  }

  private summaryOf(row: SubmissionRow, today: string): SubmissionSummaryView {
    const reasons = overdueReasons(row, today);
    return {
      submissionId: row.submission_id,
      kind: row.kind,
      category: row.category,
      categoryZh: SUBMISSION_CATEGORY_NAMES_ZH[row.category],
      title: row.title,
      status: row.status,
      documentNumber: row.document_number,
      submittingOrganisationId: row.submitting_organisation_id,
      addressedCommitteeId: row.addressed_committee_id,
      createdAt: row.created_at,
      submittedAt: row.submitted_at,
      replyDueBy: row.reply_due_by,
      feedbackDueBy: row.feedback_due_by,
      dueBy: row.status === 'opinion_issued' ? row.feedback_due_by : row.reply_due_by,
      overdue: reasons.length > 0,
      overdueReasons: reasons,
      revision: row.revision,
    };
  }
}
