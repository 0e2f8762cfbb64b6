import { RecordedEvent } from './envelope';
import { currentSchemaVersion, isLegislinkEvent, upcast } from './index';

const recorded = (type: string, schemaVersion = 1): RecordedEvent => ({
  eventId: 'e',
  type,
  schemaVersion,
  data: { x: 1 },
  metadata: {
    occurredAt: '2025-01-01T00:00:00.000Z',
    actor: { userId: 'u', organisationId: 'o', role: 'admin' },
    correlationId: 'c',
    causationId: null,
  },
  streamId: 's',
  revision: 0,
  position: '1/1',
  recordedAt: '2025-01-01T00:00:00.000Z',
  previousHash: '0',
  hash: '1',
});

describe('Given the event catalogue', () => {
  it('when a known type is looked up, then its current version is found', () => {
    expect(currentSchemaVersion('SubmissionSubmitted')).toBe(1);
    expect(isLegislinkEvent({ type: 'OpinionIssued', data: {} })).toBe(true);
  });

  it('when a type is unknown or a built-in property name, then it is not ours', () => {
    expect(() => currentSchemaVersion('constructor')).toThrow(/Unknown event type/);
    expect(isLegislinkEvent({ type: 'constructor', data: {} })).toBe(false);
    expect(isLegislinkEvent({ type: 'toString', data: {} })).toBe(false);
    expect(upcast(recorded('constructor'))).toEqual({ type: 'constructor', data: { x: 1 } });
  });

  it('when a stored event is older than a version with no upcaster, then upcasting refuses', () => {
    expect(upcast(recorded('SubmissionReceived'))).toEqual({
      type: 'SubmissionReceived',
      data: { x: 1 },
    });
    expect(() => upcast(recorded('SubmissionReceived', 0))).toThrow(
      /No upcaster for SubmissionReceived v0/,
    );
  });
});
