import { ReadDatabase } from '../../platform/event-store/read-database';
import { submissionsProjection } from '../../projections/submissions.projection';
import { SUBMISSION_READ_POLICY } from '../submissions/submission.policy';
import { SubmissionsPreDeliberationOpinions } from './pre-deliberation-opinions';

const ITEM = 'item-1';

describe('Pending pre-deliberation opinions, from the submissions read model', () => {
  let read: ReadDatabase;
  let opinions: SubmissionsPreDeliberationOpinions;
  beforeEach(() => {
    read = new ReadDatabase(':memory:');
    submissionsProjection(SUBMISSION_READ_POLICY).setUp(read.db);
    opinions = new SubmissionsPreDeliberationOpinions(read);
  });
  afterEach(() => read.close());

  function submission(
    id: string,
    overrides: Partial<{
      category: string;
      status: string;
      submitted_at: string | null;
      opinion_issued_at: string | null;
    }> = {},
  ): void {
    const row = {
      category: 'pre_deliberation',
      status: 'received',
      submitted_at: '2025-03-01T02:00:00.000Z',
      opinion_issued_at: null,
      ...overrides,
    };
    read.db
      .prepare(
        `INSERT INTO rm_submissions (submission_id, kind, category, title, classification,
           references_json, status, submitting_organisation_id, addressed_committee_id,
           submitted_at, opinion_issued_at, viewer_organisation_ids, viewer_user_ids,
           open_material_requests, committee_meetings, revision, created_at, updated_at)
         VALUES (?, 'request', ?, 't', 'internal', '[]', ?, 'pg', 'pc', ?, ?, '[]', '[]', 0, 0, 0,
           '2025-03-01', '2025-03-01')`,
      )
      .run(id, row.category, row.status, row.submitted_at, row.opinion_issued_at);
  }

  const about = (submissionId: string, itemId = ITEM, kind = 'item') =>
    read.db
      .prepare('INSERT INTO submission_subjects VALUES (?, ?, ?)')
      .run(submissionId, kind, itemId);

  it('answers none while the submissions read model keeps no subjects', async () => {
    submission('s1');
    await expect(opinions.pendingFor(ITEM)).resolves.toEqual([]);
  });

  it('names the sent pre-deliberation submissions about the item that have no opinion yet', async () => {
    read.db.exec(
      'CREATE TABLE submission_subjects (submission_id TEXT, subject_kind TEXT, subject_id TEXT)',
    );
    submission('pending');
    submission('answered', { status: 'opinion_issued', opinion_issued_at: '2025-03-05' });
    submission('draft', { status: 'drafted', submitted_at: null });
    submission('withdrawn', { status: 'withdrawn' });
    submission('superseded', { status: 'superseded' });
    submission('other-category', { category: 'major_issue' });
    submission('other-item');
    submission('a-decision');
    for (const id of [
      'pending',
      'answered',
      'draft',
      'withdrawn',
      'superseded',
      'other-category',
    ]) {
      about(id);
    }
    about('other-item', 'item-2');
    about('a-decision', ITEM, 'decision');
    await expect(opinions.pendingFor(ITEM)).resolves.toEqual(['pending']);
    await expect(opinions.pendingFor('item-2')).resolves.toEqual(['other-item']);
  });
});
