/**
 * The crash test's victim: appends realistic submission histories through the SQLite adapter
 * and the command handler, with the projector running, from several concurrent writers, and
 * prints `ack <streamId> <revision>` after each append is acknowledged, until it is killed.
 */
import { ActorContext, OrganisationProfile } from '../../src/platform/access/actor';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite-event-store';
import { FEATURES } from '../../src/features';
import { SubmissionCommand } from '../../src/modules/submissions/submission.commands';
import { submissionAggregate } from '../../src/modules/submissions/submission.decider';
import { SystemClock } from '../../src/platform/kernel/clock';
import { CommandHandler } from '../../src/platform/commands/command-handler';
import { FeatureRegistry } from '../../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner';
import { randomUUID } from 'node:crypto';

const [path, writerCount] = [process.argv[2], Number(process.argv[3] ?? 4)];

const org = (organisationId: string, kind: OrganisationProfile['kind'], parent: string | null) => ({
  organisationId,
  kind,
  level: 'province' as const,
  regionCode: '220000',
  parentOrganisationId: parent,
  nameZh: organisationId,
  nameEn: organisationId,
  reportsThrough: null,
});
const committee = org('cn-220000-pc', 'party_committee', null);
const partyGroup = org('cn-220000-npcpg', 'standing_committee_party_group', null);
const legislature: ActorContext = {
  userId: 'pg',
  userName: 'pg',
  roles: ['party_group', 'legislature'],
  organisation: partyGroup,
};
const office: ActorContext = {
  userId: 'office',
  userName: 'office',
  roles: ['committee_office'],
  organisation: org('cn-220000-pco', 'committee_office', 'cn-220000-pc'),
};

async function main(): Promise<void> {
  const store = new SqliteEventStore(path, { pollIntervalMs: 20 });
  const read = new ReadDatabase(path);
  const registry = new FeatureRegistry(FEATURES);
  const runner = new ProjectionRunner(store, read.db, registry.projections, registry.catalogue);
  runner.start();
  const commands = new CommandHandler(store, new SystemClock(), registry.catalogue);
  const now = () => new Date().toISOString();

  const run = async (id: string, actor: ActorContext, command: object) => {
    const full = { ...command, actor, now: now() } as SubmissionCommand;
    const result = await commands.execute(
      submissionAggregate,
      id,
      full,
      { actor, correlationId: id },
      (command as { type: string }).type === 'DraftSubmission',
    );
    process.stdout.write(`ack submission-${id} ${result.revision}\n`);
  };

  const writer = async () => {
    for (;;) {
      const id = randomUUID();
      await run(id, legislature, {
        type: 'DraftSubmission',
        submissionId: id,
        kind: 'request',
        category: 'major_issue',
        content: {
          title: `请示 ${id}`,
          summary: 's',
          body: '正文'.repeat(200),
          documentNumber: 'doc',
          classification: 'confidential',
          replyRequestedBy: null,
          references: [],
        },
        subjects: { itemIds: [], decisionIds: [] },
        submittingOrganisation: partyGroup,
        addressedCommittee: committee,
        replaces: null,
      });
      await run(id, legislature, {
        type: 'RecordPartyGroupDiscussion',
        meetingKind: 'party_group_meeting',
        meetingDate: '2025-01-02',
        minutesReference: 'm',
      });
      await run(id, legislature, {
        type: 'Submit',
        documentNumber: null,
        defaultReplyDueBy: '2099-01-01',
      });
      await run(id, office, { type: 'Receive', officeLogNumber: 'log' });
      await run(id, office, {
        type: 'RecordCommitteeMeeting',
        meetingKind: 'standing_committee_meeting',
        meetingDate: '2025-01-03',
        minutesReference: null,
      });
      await run(id, office, {
        type: 'IssueOpinion',
        documentNumber: 'op',
        outcome: 'approved_with_opinions',
        points: [{ number: 1, text: 'p1' }],
        feedbackDueBy: '2099-02-01',
      });
    }
  };
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: writerCount }, writer));
}

void main();
