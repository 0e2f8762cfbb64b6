import Database from 'better-sqlite3';
import { RecordedEvent } from '../../src/events/envelope';
import { LogCalendar } from '../../src/platform/http/as-of';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { ManualClock } from '../../src/platform/kernel/clock';
import { logCalendarProjection } from '../../src/platform/kernel/log-calendar.projection';
import { RequestValidationError } from '../../src/platform/http/request-validation';

const projection = logCalendarProjection(['Anything']);

/** An event recorded at `recordedAt` at global position `n`. */
const recorded = (n: number, recordedAt: string) =>
  ({ position: `${n}/${n}`, recordedAt, type: 'Anything' }) as RecordedEvent;

describe('log calendar projection', () => {
  let db: Database.Database;
  let calendar: LogCalendar;
  /** Applies batches the way the runner does: each batch, then its flush. */
  const given = (...batches: RecordedEvent[][]) => {
    for (const batch of batches) {
      for (const event of batch) projection.apply(db, { type: 'Anything' } as never, event);
      projection.flush!(db);
    }
  };

  beforeEach(() => {
    db = new Database(':memory:');
    projection.setUp(db);
    calendar = new LogCalendar(
      { db } as ReadDatabase,
      new ManualClock(new Date('2025-06-01T04:00:00Z')),
    );
  });
  afterEach(() => db.close());

  it('Given events across Beijing midnight in several batches, Then each day spans its first to last position', () => {
    given(
      [recorded(1, '2025-03-01T02:00:00.000Z'), recorded(2, '2025-03-01T15:59:59.000Z')],
      // 16:00Z is midnight in Beijing: the next day there.
      [recorded(3, '2025-03-01T16:00:00.000Z')],
      [recorded(4, '2025-03-02T10:00:00.000Z'), recorded(7, '2025-03-05T01:00:00.000Z')],
    );
    expect(db.prepare('SELECT * FROM log_days ORDER BY day').all()).toEqual([
      { day: '2025-03-01', first_position: 1, last_position: 2 },
      { day: '2025-03-02', first_position: 3, last_position: 4 },
      { day: '2025-03-05', first_position: 7, last_position: 7 },
    ]);
  });

  it('When asked as of a day, Then it reads at the last position of that day or of the last day before it', () => {
    given([recorded(1, '2025-03-01T02:00:00.000Z'), recorded(4, '2025-03-02T10:00:00.000Z')]);
    expect(calendar.moment('2025-02-28')).toEqual({ at: 0, today: '2025-02-28' });
    expect(calendar.moment('2025-03-01')).toEqual({ at: 1, today: '2025-03-01' });
    expect(calendar.moment('2025-03-04')).toEqual({ at: 4, today: '2025-03-04' });
  });

  it('When asked as of a position, Then the day counted to is the day that position was recorded', () => {
    given([recorded(1, '2025-03-01T02:00:00.000Z'), recorded(4, '2025-03-02T10:00:00.000Z')]);
    expect(calendar.moment('3/3')).toEqual({ at: 3, today: '2025-03-02' });
    expect(calendar.moment('1')).toEqual({ at: 1, today: '2025-03-01' });
    // Past the log's end: counted to the clock's day.
    expect(calendar.moment('9')).toEqual({ at: 9, today: '2025-06-01' });
    expect(calendar.moment(undefined)).toEqual({ at: null, today: '2025-06-01' });
  });

  it('When asked as of a date that does not exist, Then it refuses naming asOf and the rule', () => {
    let thrown: unknown;
    try {
      calendar.moment('2025-02-30');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequestValidationError);
    expect((thrown as RequestValidationError).errors).toEqual([
      { field: 'asOf', rule: 'date', message: 'asOf must be a real calendar date' },
    ]);
  });
});
