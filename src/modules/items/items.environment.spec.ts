import { actor, changchun, jilin } from '../../../test/support/actors';
import { RecordedEvent } from '../../events/envelope';
import { OrganisationDirectory } from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { EventStore, StreamNotFoundError } from '../../platform/event-store/event-store.port';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { BusinessRuleError } from '../../platform/kernel/domain-errors';
import { LegislatureEnvironment } from './items.environment';
import { PreDeliberationOpinions } from './pre-deliberation-opinions';

const DECISION = 'decision-id';
const recorded = (type: string, data: object): RecordedEvent =>
  ({ type, data, streamId: `decision-${DECISION}` }) as unknown as RecordedEvent;

/** Only the decision's stream is read: the rest of the environment is not touched. */
function environment(events: RecordedEvent[] | null): LegislatureEnvironment {
  const store = {
    readStream: (streamId: string) =>
      events && streamId === `decision-${DECISION}`
        ? Promise.resolve(events)
        : Promise.reject(new StreamNotFoundError(streamId)),
  } as unknown as EventStore;
  const directory = {
    find: (id: string) =>
      Promise.resolve(
        [jilin.partyGroup, jilin.specialCommittee].find((o) => o.organisationId === id) ?? null,
      ),
    findAt: () => Promise.resolve(jilin.committee),
  } as unknown as OrganisationDirectory;
  return new LegislatureEnvironment(
    directory,
    {} as CommandHandler,
    {} as ReadDatabase,
    {} as PreDeliberationOpinions,
    store,
  );
}

const RECORDED = recorded('CommitteeDecisionRecorded', {
  committeeId: jilin.committee.organisationId,
});
const TRANSMITTED = recorded('DecisionTransmitted', {
  legislatureId: jilin.partyGroup.organisationId,
});

describe('What the legislature side’s commands look up', () => {
  it('takes a special committee’s Party group as the legislature, a Party group as itself', async () => {
    const env = environment(null);
    await expect(
      env.legislatureOf(actor(jilin.specialCommittee, ['legislature'])),
    ).resolves.toEqual(jilin.partyGroup);
    await expect(env.legislatureOf(actor(jilin.partyGroup, ['party_group']))).resolves.toEqual(
      jilin.partyGroup,
    );
  });

  it('finds a committee decision for its office, and for the legislature once transmitted', async () => {
    const facts = {
      kind: 'decision',
      id: DECISION,
      legislatureId: null,
      committeeId: jilin.committee.organisationId,
    };
    const office = actor(jilin.office, ['committee_office']);
    await expect(environment([RECORDED]).subject('decision', DECISION, office)).resolves.toEqual(
      facts,
    );
    const fgw = actor(jilin.specialCommittee, ['legislature']);
    await expect(environment([RECORDED]).subject('decision', DECISION, fgw)).rejects.toThrow(
      BusinessRuleError,
    );
    await expect(
      environment([RECORDED, TRANSMITTED]).subject('decision', DECISION, fgw),
    ).resolves.toEqual(facts);
  });

  it('answers 422 for a decision that does not exist or another committee’s', async () => {
    const ccOffice = actor(changchun.office, ['committee_office']);
    await expect(
      environment([RECORDED]).subject('decision', DECISION, ccOffice),
    ).rejects.toMatchObject({
      field: 'subjectId',
      rule: 'readable_subject',
    });
    await expect(
      environment(null).subject('decision', DECISION, actor(jilin.office, ['committee_office'])),
    ).rejects.toThrow(BusinessRuleError);
  });
});
