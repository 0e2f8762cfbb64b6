import { RecordedEvent } from './envelope';
import { EventCatalogue } from '../platform/kernel/event-catalogue';
import { SUBMISSION_EVENT_SCHEMAS } from './submission-events';

const catalogue = new EventCatalogue([SUBMISSION_EVENT_SCHEMAS]);

/** An event as stored at version 1. */
const stored = (type: string, data: object): RecordedEvent => ({
  eventId: 'e-1',
  type,
  schemaVersion: 1,
  data,
  metadata: {
    occurredAt: '2024-11-07T02:00:00.000Z',
    actor: { userId: 'u', organisationId: 'o', role: 'committee_office' },
    correlationId: 'c',
    causationId: null,
  },
  streamId: 'submission-s',
  revision: 5,
  position: '6',
  recordedAt: '2024-11-07T02:00:00.000Z',
  previousHash: '',
  hash: '',
});

const storedV1 = (meetingKind: string) =>
  stored('CommitteeMeetingRecorded', {
    meetingKind,
    meetingDate: '2024-11-06',
    minutesReference: '省委全会纪要',
  });

describe('CommitteeMeetingRecorded schema', () => {
  it('is written as version 2', () => {
    expect(catalogue.currentVersion('CommitteeMeetingRecorded')).toBe(2);
  });

  it('reads a stored v1 plenary_session as the committee plenary (党委全会)', () => {
    expect(catalogue.upcast(storedV1('plenary_session')).data).toEqual({
      meetingKind: 'committee_plenary_session',
      meetingDate: '2024-11-06',
      minutesReference: '省委全会纪要',
    });
  });

  it.each(['standing_committee_meeting', 'secretaries_meeting'])(
    'keeps a stored v1 %s as it was',
    (meetingKind) => {
      expect(catalogue.upcast(storedV1(meetingKind)).data).toMatchObject({ meetingKind });
    },
  );
});

describe('SupplementaryMaterialSupplied schema', () => {
  it('reads a stored v1 supply as one that moved no reply due date', () => {
    const v1 = { requestNumber: 1, description: '材料', documentReferences: ['d'] };
    expect(catalogue.currentVersion('SupplementaryMaterialSupplied')).toBe(2);
    expect(catalogue.upcast(stored('SupplementaryMaterialSupplied', v1)).data).toEqual({
      ...v1,
      replyDueBy: null,
    });
  });
});
