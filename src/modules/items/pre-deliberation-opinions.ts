import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { statement } from '../../platform/kernel/projection';

/**
 * Which `pre_deliberation` submissions about an item were sent to the committee and have no
 * opinion yet: while there is one, the item cannot be put on the agenda for the vote.
 */
export abstract class PreDeliberationOpinions {
  abstract pendingFor(itemId: string): Promise<string[]>;
}

/**
 * From the submissions read model: `submission_subjects` says which items a submission is about
 * (written from `SubmissionDraftedV2.itemIds`), `rm_submissions` where it stands. A submission
 * counts while it is sent and has neither an opinion nor been withdrawn or superseded. Before the
 * submissions feature keeps `submission_subjects`, no submission names an item, so none is
 * pending: the table's absence answers an empty list.
 */
@Injectable()
export class SubmissionsPreDeliberationOpinions extends PreDeliberationOpinions {
  constructor(private readonly read: ReadDatabase) {
    super();
  }

  pendingFor(itemId: string): Promise<string[]> {
    const db = this.read.db;
    const table = statement<[], { found: number }>(
      db,
      `SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'submission_subjects'`,
    ).get();
    if (!table) return Promise.resolve([]);
    const rows = db
      .prepare<[string], { submission_id: string }>(
        `SELECT s.submission_id FROM submission_subjects ss
           JOIN rm_submissions s ON s.submission_id = ss.submission_id
         WHERE ss.subject_kind = 'item' AND ss.subject_id = ?
           AND s.category = 'pre_deliberation'
           AND s.submitted_at IS NOT NULL
           AND s.opinion_issued_at IS NULL
           AND s.status NOT IN ('withdrawn', 'superseded')
         ORDER BY s.submitted_at, s.submission_id`,
      )
      .all(itemId);
    return Promise.resolve(rows.map((r) => r.submission_id));
  }
}
