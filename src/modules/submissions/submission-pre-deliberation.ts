import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { statement } from '../../platform/kernel/projection';

/**
 * Sent (submitted or later), no opinion yet, and neither withdrawn nor superseded: `superseded`
 * and `withdrawn` are statuses of their own, so the list of waiting statuses leaves them out.
 */
const PENDING_SQL = `
  SELECT s.submission_id FROM submission_subjects j
    JOIN rm_submissions s ON s.submission_id = j.submission_id
  WHERE j.subject_kind = 'item' AND j.subject_id = ?
    AND s.category = 'pre_deliberation'
    AND s.status IN ('submitted', 'received', 'awaiting_material', 'committee_discussed')
    AND s.opinion_outcome IS NULL
  ORDER BY s.submitted_at, s.submission_id`;

/**
 * The pre-deliberation opinions an item still waits for: "a pre_deliberation submission about an
 * item must have its opinion before the item can be put on the agenda for the vote". The items
 * feature asks through its own abstract port, bound to this class where the features are
 * composed; the submissions feature imports nothing of the items feature.
 *
 * It reads the submissions projection, which every submission command waits for before it
 * answers, so a request sent or an opinion issued is seen by the next command.
 */
@Injectable()
export class SubmissionPreDeliberationOpinions {
  constructor(private readonly read: ReadDatabase) {}

  /** Ids of the pre-deliberation submissions about the item still awaiting their opinion. */
  pendingFor(itemId: string): Promise<string[]> {
    const rows = statement<[string], { submission_id: string }>(this.read.db, PENDING_SQL).all(
      itemId,
    );
    return Promise.resolve(rows.map((r) => r.submission_id));
  }
}
