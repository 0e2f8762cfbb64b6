import { readFileSync } from 'node:fs';
import { IsoDate, beijingDate } from '../../platform/kernel/beijing-time';

// Dates and Beijing days are the platform's; the working-day rules built on them are here.
export { IsoDate, beijingDate };

export interface CalendarEntry {
  date: IsoDate;
  name: string;
}

export interface YearSchedule {
  /** The State Council notice the schedule was taken from. */
  source?: string;
  /** Every official holiday date, listed individually (weekend days inside a break included). */
  holidays: CalendarEntry[];
  /** Saturdays/Sundays made working days (调休上班). */
  workingWeekends: CalendarEntry[];
}

export interface CalendarData {
  timeZone: 'Asia/Shanghai';
  years: Record<string, YearSchedule>;
}

export type DayKind = 'working' | 'weekend' | 'holiday' | 'adjusted-working-day';

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  /** Holiday name, or the reason a weekend day is worked; absent for ordinary days. */
  name?: string;
}

const TIME_ZONE = 'Asia/Shanghai';
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Date.UTC maps years 0–99 to 1900+; four-digit years from 1000 keep the arithmetic simple.
const MIN_YEAR = 1000;

/** Days since 1970-01-01, or undefined if the string is not a real calendar date. */
function parseEpochDay(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m || Number(m[1]) < MIN_YEAR) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls over (Feb 30 → Mar 2); round-trip to reject impossible dates.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

function epochDayOf(date: IsoDate): number {
  const day = parseEpochDay(date);
  if (day === undefined) {
    throw new RangeError(
      `Invalid date "${date}": expected a real calendar date YYYY-MM-DD (years 1000–9999)`,
    );
  }
  return day;
}

function isoDateOf(epochDay: number): IsoDate {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

function isWeekend(epochDay: number): boolean {
  const weekday = new Date(epochDay * MS_PER_DAY).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Working days under China's official calendar (法定节假日 off, 调休 weekends on),
 * built from the State Council schedules in working-day-calendar.json.
 *
 * Years without a published schedule fall back to plain Mon–Fri: due dates computed
 * across them still work but ignore holidays that have not been announced yet. Use
 * `covers()` to tell callers the result is provisional.
 */
export class WorkingDayCalendar {
  private readonly special = new Map<number, DayInfo>();
  private readonly schedules = new Map<number, YearSchedule>();

  /** Validates `data` (typically parsed JSON) and throws an Error naming the first bad entry. */
  constructor(data: CalendarData) {
    validate(data);
    for (const [yearKey, schedule] of Object.entries(data.years)) {
      const holidays = schedule.holidays.map((e) => ({ date: e.date, name: e.name }));
      const workingWeekends = schedule.workingWeekends.map((e) => ({ date: e.date, name: e.name }));
      this.schedules.set(Number(yearKey), { source: schedule.source, holidays, workingWeekends });
      for (const e of holidays) {
        this.special.set(epochDayOf(e.date), { date: e.date, kind: 'holiday', name: e.name });
      }
      for (const e of workingWeekends) {
        this.special.set(epochDayOf(e.date), {
          date: e.date,
          kind: 'adjusted-working-day',
          name: e.name,
        });
      }
    }
  }

  /** Loads and validates a calendar JSON file; errors name the file. */
  static fromFile(path: string): WorkingDayCalendar {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`Cannot load working-day calendar from ${path}: ${(err as Error).message}`);
    }
    try {
      return new WorkingDayCalendar(data as CalendarData);
    } catch (err) {
      throw new Error(`${(err as Error).message} (in ${path})`);
    }
  }

  coveredYears(): number[] {
    return [...this.schedules.keys()].sort((a, b) => a - b);
  }

  /** Whether the date's year has an official schedule (otherwise Mon–Fri is assumed). */
  covers(date: IsoDate): boolean {
    epochDayOf(date);
    return this.schedules.has(Number(date.slice(0, 4)));
  }

  /** A copy of the published schedule for a year, or undefined if not covered. */
  schedule(year: number): YearSchedule | undefined {
    const s = this.schedules.get(year);
    if (!s) return undefined;
    return {
      source: s.source,
      holidays: s.holidays.map((e) => ({ ...e })),
      workingWeekends: s.workingWeekends.map((e) => ({ ...e })),
    };
  }

  dayKind(date: IsoDate): DayInfo {
    const day = epochDayOf(date);
    const special = this.special.get(day);
    if (special) return { ...special };
    return { date, kind: isWeekend(day) ? 'weekend' : 'working' };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingEpochDay(epochDayOf(date));
  }

  /**
   * The due date: the n-th working day strictly after the Beijing date of `start`.
   * The submission day itself never counts, whatever time it was submitted.
   */
  addWorkingDays(start: Date, n: number): IsoDate {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`addWorkingDays: n must be an integer ≥ 1, got ${n}`);
    }
    let day = epochDayOf(beijingDate(start));
    for (let remaining = n; remaining > 0;) {
      day += 1;
      if (this.isWorkingEpochDay(day)) remaining -= 1;
    }
    return isoDateOf(day);
  }

  /**
   * Working days after from's Beijing date up to and including to's, so that
   * workingDaysBetween(s, addWorkingDays(s, n)) === n. Negative when to < from.
   */
  workingDaysBetween(from: Date, to: Date): number {
    const a = epochDayOf(beijingDate(from));
    const b = epochDayOf(beijingDate(to));
    if (b < a) return -this.countWorking(b, a);
    return this.countWorking(a, b);
  }

  /** Number of working days in a calendar year (Mon–Fri fallback if not covered). */
  workingDaysInYear(year: number): number {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > 9999) {
      throw new RangeError(
        `workingDaysInYear: year must be an integer in ${MIN_YEAR}..9999, got ${year}`,
      );
    }
    return this.countWorking(epochDayOf(`${year}-01-01`) - 1, epochDayOf(`${year}-12-31`));
  }

  /** Working days in the half-open epoch-day range (after, upTo]. */
  private countWorking(after: number, upTo: number): number {
    let count = 0;
    for (let day = after + 1; day <= upTo; day++) {
      if (this.isWorkingEpochDay(day)) count += 1;
    }
    return count;
  }

  private isWorkingEpochDay(day: number): boolean {
    const special = this.special.get(day);
    if (special) return special.kind === 'adjusted-working-day';
    return !isWeekend(day);
  }
}

function fail(where: string, problem: string): never {
  throw new Error(`Invalid working-day calendar: ${where}: ${problem}`);
}

/** Rejects malformed schedules up front so a typo cannot silently shift due dates. */
function validate(data: unknown): asserts data is CalendarData {
  if (typeof data !== 'object' || data === null) fail('root', 'expected an object');
  const { timeZone, years } = data as Partial<CalendarData>;
  if (timeZone !== TIME_ZONE)
    fail('timeZone', `expected "${TIME_ZONE}", got ${JSON.stringify(timeZone)}`);
  if (typeof years !== 'object' || years === null) fail('years', 'expected an object');

  for (const [yearKey, schedule] of Object.entries(years)) {
    const at = `years.${yearKey}`;
    if (!/^\d{4}$/.test(yearKey) || Number(yearKey) < MIN_YEAR)
      fail(at, `year must be in ${MIN_YEAR}..9999`);
    if (typeof schedule !== 'object' || schedule === null) fail(at, 'expected an object');
    const { source, holidays, workingWeekends } = schedule as Partial<YearSchedule>;
    if (source !== undefined && typeof source !== 'string')
      fail(`${at}.source`, 'expected a string');
    if (!Array.isArray(holidays)) fail(`${at}.holidays`, 'expected an array');
    if (!Array.isArray(workingWeekends)) fail(`${at}.workingWeekends`, 'expected an array');

    const holidayDates = new Set<string>();
    const seen = new Set<string>();
    const check = (list: 'holidays' | 'workingWeekends', raw: unknown, i: number): void => {
      const where = `${at}.${list}[${i}] ${JSON.stringify(raw)}`;
      if (typeof raw !== 'object' || raw === null) fail(where, 'expected {date, name}');
      const { date, name } = raw as Partial<CalendarEntry>;
      if (typeof name !== 'string' || name.trim() === '')
        fail(where, 'name must be a non-empty string');
      if (typeof date !== 'string') fail(where, 'date must be a string');
      const day = parseEpochDay(date);
      if (day === undefined) fail(where, 'date is not a real calendar date in YYYY-MM-DD form');
      if (date.slice(0, 4) !== yearKey) fail(where, `date is not in year ${yearKey}`);
      if (list === 'workingWeekends') {
        if (holidayDates.has(date)) fail(where, 'date is also listed as a holiday');
        if (!isWeekend(day)) fail(where, 'a working weekend must fall on a Saturday or Sunday');
      } else {
        holidayDates.add(date);
      }
      if (seen.has(date)) fail(where, 'date is listed twice');
      seen.add(date);
    };
    holidays.forEach((raw, i) => check('holidays', raw, i));
    workingWeekends.forEach((raw, i) => check('workingWeekends', raw, i));
  }
}
