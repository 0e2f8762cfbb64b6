import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beijingDate, CalendarData, WorkingDayCalendar } from './working-day-calendar';

/** An instant at the given Beijing wall-clock time. */
const bj = (date: string, time = '09:00'): Date => new Date(`${date}T${time}:00+08:00`);

const shipped = (): WorkingDayCalendar =>
  WorkingDayCalendar.fromFile(join(__dirname, 'working-day-calendar.json'));

/** A small made-up year: 2030-01-01 is a Tuesday, 01-02 a Wednesday, 01-05 a Saturday. */
const madeUp = (): CalendarData => ({
  timeZone: 'Asia/Shanghai',
  years: {
    '2030': {
      source: 'test fixture',
      holidays: [{ date: '2030-01-02', name: '测试假日' }],
      workingWeekends: [{ date: '2030-01-05', name: '测试调休' }],
    },
  },
});

describe('Given a made-up calendar with a weekday holiday and a working Saturday', () => {
  const calendar = new WorkingDayCalendar(madeUp());

  it('when asking about the working Saturday then it is an adjusted working day with its name', () => {
    expect(calendar.dayKind('2030-01-05')).toEqual({
      date: '2030-01-05',
      kind: 'adjusted-working-day',
      name: '测试调休',
    });
    expect(calendar.isWorkingDay('2030-01-05')).toBe(true);
    expect(calendar.dayKind('2030-01-06')).toEqual({ date: '2030-01-06', kind: 'weekend' });
    expect(calendar.isWorkingDay('2030-01-06')).toBe(false);
  });

  it('when counting 1 working day from Friday then the working Saturday is the due date', () => {
    expect(calendar.addWorkingDays(bj('2030-01-04'), 1)).toBe('2030-01-05');
    expect(calendar.addWorkingDays(bj('2030-01-04'), 2)).toBe('2030-01-07');
  });

  it('when asking about the Wednesday holiday then it is a holiday with its name', () => {
    expect(calendar.dayKind('2030-01-02')).toEqual({
      date: '2030-01-02',
      kind: 'holiday',
      name: '测试假日',
    });
    expect(calendar.isWorkingDay('2030-01-02')).toBe(false);
    expect(calendar.dayKind('2030-01-03')).toEqual({ date: '2030-01-03', kind: 'working' });
  });

  it('when counting 1 working day from the Tuesday before then the holiday is skipped', () => {
    expect(calendar.addWorkingDays(bj('2030-01-01'), 1)).toBe('2030-01-03');
  });

  it('when asking for a malformed date then it throws instead of guessing', () => {
    expect(() => calendar.isWorkingDay('2030-1-5')).toThrow(RangeError);
    expect(() => calendar.dayKind('2030-02-29')).toThrow(/Invalid date "2030-02-29"/);
    expect(() => calendar.covers('20300105')).toThrow(RangeError);
  });

  it('when n is not a positive integer then addWorkingDays throws', () => {
    expect(() => calendar.addWorkingDays(bj('2030-01-04'), 0)).toThrow(/n must be an integer ≥ 1/);
    expect(() => calendar.addWorkingDays(bj('2030-01-04'), 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(bj('2030-01-04'), -3)).toThrow(RangeError);
  });
});

describe('Given the shipped State Council schedules', () => {
  const calendar = shipped();

  it('when listing coverage then 2025 and 2026 are covered with every date listed individually', () => {
    expect(calendar.coveredYears()).toEqual([2025, 2026]);
    const y2025 = calendar.schedule(2025)!;
    const y2026 = calendar.schedule(2026)!;
    expect(y2025.source).toBe('国办发明电〔2024〕12号');
    expect(y2025.holidays).toHaveLength(28);
    expect(y2025.workingWeekends.map((e) => e.date)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
    expect(y2026.holidays).toHaveLength(33);
    expect(y2026.workingWeekends.map((e) => e.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('when counting working days per year then both years have 248', () => {
    expect(calendar.workingDaysInYear(2025)).toBe(248);
    expect(calendar.workingDaysInYear(2026)).toBe(248);
  });

  it('when a holiday falls on a weekend then it is reported as the holiday', () => {
    expect(calendar.dayKind('2025-02-01')).toEqual({
      date: '2025-02-01',
      kind: 'holiday',
      name: '春节',
    });
  });

  describe('Given a request submitted on Friday 2025-01-24, just before Spring Festival 2025', () => {
    // Sat 25 off, Sun 26 worked (1), Mon 27 (2), Jan 28–Feb 4 off, Wed 5 (3), Thu 6 (4), Fri 7 (5).
    it('when 5 working days are allowed then it is due on Friday 2025-02-07', () => {
      expect(calendar.addWorkingDays(bj('2025-01-24', '10:00'), 5)).toBe('2025-02-07');
    });

    it('when 6 or 7 working days are allowed then the worked Saturday 02-08 counts, then Monday', () => {
      expect(calendar.addWorkingDays(bj('2025-01-24'), 6)).toBe('2025-02-08');
      expect(calendar.addWorkingDays(bj('2025-01-24'), 7)).toBe('2025-02-10');
    });

    it('when 1 working day is allowed then the worked Sunday 01-26 is the due date', () => {
      expect(calendar.dayKind('2025-01-26')).toEqual({
        date: '2025-01-26',
        kind: 'adjusted-working-day',
        name: '春节调休上班',
      });
      expect(calendar.addWorkingDays(bj('2025-01-24'), 1)).toBe('2025-01-26');
    });
  });

  describe('Given National Day 2026 (Oct 1–7 off, Sun 09-20 and Sat 10-10 worked)', () => {
    it('when a request is submitted on Wed 09-30 with 3 working days then it is due on Sat 10-10', () => {
      // Oct 1–7 off, Thu 8 (1), Fri 9 (2), Sat 10 worked (3).
      expect(calendar.addWorkingDays(bj('2026-09-30'), 3)).toBe('2026-10-10');
      expect(calendar.addWorkingDays(bj('2026-09-30'), 4)).toBe('2026-10-12');
    });

    it('when a request is submitted on Fri 09-18 with 1 working day then it is due on Sun 09-20', () => {
      expect(calendar.addWorkingDays(bj('2026-09-18'), 1)).toBe('2026-09-20');
    });

    it('when a request is submitted on Thu 09-24 then Mid-Autumn 09-25..27 is skipped', () => {
      expect(calendar.dayKind('2026-09-25')).toEqual({
        date: '2026-09-25',
        kind: 'holiday',
        name: '中秋节',
      });
      expect(calendar.addWorkingDays(bj('2026-09-24'), 1)).toBe('2026-09-28');
    });
  });

  describe('Given a request submitted on Wed 2025-12-31, across the year boundary', () => {
    it('when 1 working day is allowed then New Year 2026 (Jan 1–3) is skipped and worked Sun 01-04 is due', () => {
      expect(calendar.addWorkingDays(bj('2025-12-31'), 1)).toBe('2026-01-04');
      expect(calendar.addWorkingDays(bj('2025-12-31'), 2)).toBe('2026-01-05');
    });

    it('when counting from 2024-12-31 then New Year 2025 is skipped', () => {
      expect(calendar.addWorkingDays(bj('2024-12-31'), 1)).toBe('2025-01-02');
    });
  });

  describe('Given a date outside the covered years', () => {
    it('when asking about it then it is not covered and plain Mon–Fri applies', () => {
      expect(calendar.covers('2027-01-01')).toBe(false);
      expect(calendar.covers('2026-12-31')).toBe(true);
      // 2027-01-01 (Fri) will surely be a holiday, but no schedule is published yet.
      expect(calendar.dayKind('2027-01-01')).toEqual({ date: '2027-01-01', kind: 'working' });
      expect(calendar.dayKind('2027-01-02')).toEqual({ date: '2027-01-02', kind: 'weekend' });
      expect(calendar.isWorkingDay('2024-10-01')).toBe(true);
      expect(calendar.schedule(2027)).toBeUndefined();
      expect(calendar.workingDaysInYear(2027)).toBe(261);
    });

    it('when counting from Thu 2026-12-31 into 2027 then due dates still work on Mon–Fri', () => {
      // Fri 1 (1), Sat/Sun off, Mon 4 (2), Tue 5 (3).
      expect(calendar.addWorkingDays(bj('2026-12-31'), 3)).toBe('2027-01-05');
    });
  });

  describe('Given instants near Beijing midnight', () => {
    it('when converting then the Beijing (UTC+8) date is used, not the UTC date', () => {
      expect(beijingDate(new Date('2025-01-27T17:00:00Z'))).toBe('2025-01-28');
      expect(beijingDate(new Date('2025-01-27T15:59:59.999Z'))).toBe('2025-01-27');
      expect(beijingDate(new Date('2025-01-27T16:00:00Z'))).toBe('2025-01-28');
      expect(beijingDate(new Date('2025-12-31T23:59:59+08:00'))).toBe('2025-12-31');
    });

    it('when converting an invalid Date then it throws', () => {
      expect(() => beijingDate(new Date('not a date'))).toThrow(RangeError);
    });

    it('when submitted at 00:30 Beijing on Mon 2025-01-27 (still the 26th in UTC) then Mon 27 is the start day', () => {
      // UTC date 01-26 would make Mon 27 the due date; the Beijing date makes it Feb 5.
      expect(calendar.addWorkingDays(new Date('2025-01-26T16:30:00Z'), 1)).toBe('2025-02-05');
    });

    it('when submitted at 00:30 Beijing on 2025-12-31 then New Year 2026 is skipped', () => {
      expect(calendar.addWorkingDays(new Date('2025-12-30T16:30:00Z'), 1)).toBe('2026-01-04');
    });
  });

  describe('Given two instants, workingDaysBetween', () => {
    it('when spanning Spring Festival 2025 then it counts days after from up to and including to', () => {
      expect(calendar.workingDaysBetween(bj('2025-01-24'), bj('2025-02-07'))).toBe(5);
      expect(calendar.workingDaysBetween(bj('2025-01-24'), bj('2025-02-06'))).toBe(4);
    });

    it('when to is before from then the count is negative', () => {
      expect(calendar.workingDaysBetween(bj('2025-02-07'), bj('2025-01-24'))).toBe(-5);
    });

    it('when both are on the same Beijing date then it is 0, whatever the times', () => {
      expect(
        calendar.workingDaysBetween(bj('2025-03-03', '00:01'), bj('2025-03-03', '23:59')),
      ).toBe(0);
    });

    it('when the times straddle midnight then Beijing dates decide', () => {
      // Sat 25 off, Sun 26 worked.
      expect(
        calendar.workingDaysBetween(bj('2025-01-24', '23:30'), bj('2025-01-26', '00:10')),
      ).toBe(1);
    });

    it('when spanning years then holidays of both years and the fallback apply', () => {
      expect(calendar.workingDaysBetween(bj('2025-12-31'), bj('2026-01-04'))).toBe(1);
      expect(calendar.workingDaysBetween(bj('2024-12-31'), bj('2025-12-31'))).toBe(248);
      expect(calendar.workingDaysBetween(bj('2026-12-31'), bj('2027-01-05'))).toBe(3);
    });

    it('when fed a due date then it gives back the number of working days allowed', () => {
      for (const start of ['2025-01-24', '2025-09-27', '2025-12-31', '2026-02-13', '2026-12-20']) {
        for (let n = 1; n <= 40; n++) {
          const due = calendar.addWorkingDays(bj(start), n);
          expect(calendar.workingDaysBetween(bj(start), bj(due, '18:00'))).toBe(n);
        }
      }
    });
  });
});

describe('Given bad calendar data', () => {
  const withYear = (holidays: unknown[], workingWeekends: unknown[] = []): CalendarData =>
    ({
      timeZone: 'Asia/Shanghai',
      years: { '2025': { holidays, workingWeekends } },
    }) as CalendarData;

  it('when a date is malformed then construction fails naming the entry', () => {
    expect(() => new WorkingDayCalendar(withYear([{ date: '2025-1-1', name: '元旦' }]))).toThrow(
      'Invalid working-day calendar: years.2025.holidays[0] {"date":"2025-1-1","name":"元旦"}: date is not a real calendar date in YYYY-MM-DD form',
    );
  });

  it('when a date does not exist then construction fails naming the entry', () => {
    expect(() => new WorkingDayCalendar(withYear([{ date: '2025-02-29', name: '春节' }]))).toThrow(
      /holidays\[0\] .*"2025-02-29".*not a real calendar date/,
    );
  });

  it('when a date is outside its year then construction fails naming the entry', () => {
    const data = withYear(
      [{ date: '2025-01-01', name: '元旦' }],
      [{ date: '2026-01-04', name: '元旦调休上班' }],
    );
    expect(() => new WorkingDayCalendar(data)).toThrow(
      /years\.2025\.workingWeekends\[0\] .*"2026-01-04".*: date is not in year 2025/,
    );
  });

  it('when a date is both a holiday and a working weekend then construction fails naming the entry', () => {
    const data = withYear(
      [{ date: '2025-02-01', name: '春节' }],
      [{ date: '2025-02-01', name: '春节调休上班' }],
    );
    expect(() => new WorkingDayCalendar(data)).toThrow(
      /workingWeekends\[0\] .*"2025-02-01".*: date is also listed as a holiday/,
    );
  });

  it('when a working weekend is a weekday then construction fails naming the entry', () => {
    // 2025-01-27 is a Monday.
    const data = withYear([], [{ date: '2025-01-27', name: '春节调休上班' }]);
    expect(() => new WorkingDayCalendar(data)).toThrow(
      /workingWeekends\[0\] .*"2025-01-27".*: a working weekend must fall on a Saturday or Sunday/,
    );
  });

  it('when a date is listed twice then construction fails naming the second entry', () => {
    const data = withYear([
      { date: '2025-04-04', name: '清明节' },
      { date: '2025-04-04', name: '清明节' },
    ]);
    expect(() => new WorkingDayCalendar(data)).toThrow(/holidays\[1\] .*: date is listed twice/);
  });

  it('when an entry has no name then construction fails naming the entry', () => {
    expect(() => new WorkingDayCalendar(withYear([{ date: '2025-04-04' }]))).toThrow(
      /holidays\[0\] .*: name must be a non-empty string/,
    );
  });

  it('when the structure is wrong then construction fails naming the place', () => {
    const bad = (data: unknown) => () => new WorkingDayCalendar(data as CalendarData);
    expect(bad(null)).toThrow(/root: expected an object/);
    expect(bad({ timeZone: 'UTC', years: {} })).toThrow(/timeZone: expected "Asia\/Shanghai"/);
    expect(bad({ timeZone: 'Asia/Shanghai' })).toThrow(/years: expected an object/);
    expect(
      bad({ timeZone: 'Asia/Shanghai', years: { '25': { holidays: [], workingWeekends: [] } } }),
    ).toThrow(/years\.25: year must be in 1000\.\.9999/);
    expect(bad({ timeZone: 'Asia/Shanghai', years: { '2025': { workingWeekends: [] } } })).toThrow(
      /years\.2025\.holidays: expected an array/,
    );
  });

  describe('Given a file on disk', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'calendar-spec-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('when the file is missing then loading fails naming the path', () => {
      const path = join(dir, 'missing.json');
      expect(() => WorkingDayCalendar.fromFile(path)).toThrow(
        `Cannot load working-day calendar from ${path}`,
      );
    });

    it('when the file is not JSON then loading fails naming the path', () => {
      const path = join(dir, 'broken.json');
      writeFileSync(path, '{ "timeZone": ');
      expect(() => WorkingDayCalendar.fromFile(path)).toThrow(
        `Cannot load working-day calendar from ${path}`,
      );
    });

    it('when the data is invalid then loading fails naming the entry and the path', () => {
      const path = join(dir, 'weekday.json');
      writeFileSync(path, JSON.stringify(withYear([], [{ date: '2025-01-27', name: 'x' }])));
      expect(() => WorkingDayCalendar.fromFile(path)).toThrow(
        `Invalid working-day calendar: years.2025.workingWeekends[0] {"date":"2025-01-27","name":"x"}: a working weekend must fall on a Saturday or Sunday (in ${path})`,
      );
    });
  });
});
