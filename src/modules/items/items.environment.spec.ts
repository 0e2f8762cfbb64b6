import { actor, changchun, jilin } from '../../../test/support/actors';
import { RecordedEvent } from '../../events/envelope';
import { OrganisationDirectory } from '../../platform/access/actor';
import { CommandHandler } from '../../platform/commands/command-handler';
import { ManualClock } from '../../platform/kernel/clock';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { FEATURES } from '../../features';
import { EventStore, StreamNotFoundError } from '../../platform/event-store/event-store.port';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { BusinessRuleError } from '../../platform/kernel/domain-errors';
import { LegislatureEnvironment } from './items.environment';
import { PreDeliberationOpinions } from './pre-deliberation-opinions';

const registry = new FeatureRegistry(FEATURES);
const DECISION = 'decision-id';
const recorded = (type: string, data: object, revision: number): RecordedEvent =>
  ({
    type,
    data,
    schemaVersion: 1,
    revision,
    streamId: `decision-${DECISION}`,
  }) as unknown as RecordedEvent;

/**
 * Only the decision's stream is read, through a real command handler (the decision's own
 * decider folds it and its read policy decides): the rest of the environment is not touched.
 */
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
    new CommandHandler(store, new ManualClock(new Date()), registry.catalogue),
    {} as ReadDatabase,
    {} as PreDeliberationOpinions,
  );
}

const RECORDED = recorded(
  'CommitteeDecisionRecorded',
  {
    decisionId: DECISION,
    committeeId: jilin.committee.organisationId,
    recordedByOfficeId: jilin.office.organisationId,
    documentNumber: '吉发〔2016〕12号',
    title: '关于加强黑土地保护的意见',
    summary: '',
    decidedOn: '2016-05-20',
    policyAreas: ['农业农村'],
    kind: 'reform_plan',
    followUp: 'new_law',
  },
  0,
);
const TRANSMITTED = recorded(
  'DecisionTransmitted',
  { legislatureId: jilin.partyGroup.organisationId, transmittedAt: '2016-05-21T00:00:00Z' },
  1,
);

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
