import { specFor } from '../../../test/support/given-when-then';
import { DeadlineEvent, DeadlineFactV1 } from '../../events/deadline-events';
import { mayRead } from '../../platform/access/readers';
import { actor, jilin } from '../../../test/support/actors';
import { DueNotice, RecordDeadlineFacts, submissionDeadlinesAggregate } from './deadline.decider';

const SUB = '11111111-0000-4000-8000-000000000001';

const fact = (over: Partial<DeadlineFactV1> = {}): DeadlineFactV1 => {
  const f: DeadlineFactV1 = {
    notificationId: '',
    submissionId: SUB,
    deadline: 'reply',
    number: null,
    dueBy: '2025-03-31',
    recipient: { organisationId: jilin.committee.organisationId, audience: 'addressee' },
    submissionKind: 'request',
    category: 'major_issue',
    documentNumber: '吉人党字〔2025〕3号',
    ...over,
  };
  return f;
};
const notice = (kind: DueNotice['kind'], over: Partial<DeadlineFactV1> = {}): DueNotice => {
  const f = fact(over);
  const id = `${kind}:${f.deadline}:${SUB}${f.number ? `:${f.number}` : ''}:${f.dueBy}`;
  return { kind, fact: { ...f, notificationId: id } };
};
const recorded = (n: DueNotice): DeadlineEvent => ({
  type: n.kind === 'due_soon' ? 'DeadlineApproached' : 'DeadlinePassed',
  data: n.fact,
});
const sweep = (...notices: DueNotice[]): RecordDeadlineFacts => ({
  type: 'RecordDeadlineFacts',
  notices,
});

const given = specFor(submissionDeadlinesAggregate.decider);

describe('deadline decider', () => {
  const soon = notice('due_soon');
  const overdue = notice('overdue');

  it('Given nothing recorded, When a due date is found within the window, Then it approached', () => {
    given([])
      .when(sweep(soon))
      .then([recorded(soon)]);
  });

  it('Given it approached, When it is found within the window again, Then nothing', () => {
    given([recorded(soon)])
      .when(sweep(soon))
      .then([]);
  });

  it('Given it approached, When it is found past, Then it passed; found past again, Then nothing', () => {
    const { state } = given([recorded(soon)])
      .when(sweep(overdue))
      .then([recorded(overdue)]);
    expect(submissionDeadlinesAggregate.exists(state)).toBe(true);
    given([recorded(soon), recorded(overdue)])
      .when(sweep(overdue))
      .then([]);
  });

  it('Given nothing recorded, When a due date is first found past, Then only that it passed; the window is behind it', () => {
    given([])
      .when(sweep(overdue))
      .then([recorded(overdue)]);
    given([recorded(overdue)])
      .when(sweep(soon))
      .then([]);
  });

  it('Given the reply passed, When its due date moved later comes near, Then the new date approached: a due date of its own', () => {
    const later = notice('due_soon', { dueBy: '2025-04-08' });
    given([recorded(soon), recorded(overdue)])
      .when(sweep(later))
      .then([recorded(later)]);
  });

  it('Given one material request approached, When two requests and the reply are found, Then each not yet recorded, once, in one decision', () => {
    const first = notice('due_soon', { deadline: 'material', number: 1, dueBy: '2025-03-20' });
    const second = notice('due_soon', { deadline: 'material', number: 2, dueBy: '2025-03-20' });
    given([recorded(first)])
      .when(sweep(first, second, second, overdue))
      .then([recorded(second), recorded(overdue)]);
  });

  it('Given facts recorded, Then the organisations told read the stream, and no other', () => {
    const material = notice('due_soon', {
      deadline: 'material',
      number: 1,
      recipient: { organisationId: jilin.partyGroup.organisationId, audience: 'submitter' },
    });
    const { state } = given([recorded(soon)])
      .when(sweep(material))
      .then([recorded(material)]);
    const readers = submissionDeadlinesAggregate.readers(state);
    expect(mayRead(actor(jilin.committee, ['committee_office']), readers)).toBe(true);
    expect(mayRead(actor(jilin.partyGroup, ['party_group']), readers)).toBe(true);
    expect(mayRead(actor(jilin.governmentPartyGroup, ['party_group']), readers)).toBe(false);
    expect(submissionDeadlinesAggregate.exists(given([]).state)).toBe(false);
  });
});
