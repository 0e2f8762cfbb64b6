import { Injectable, applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadDatabase } from '../event-store/read-database';
import { beijingDate } from '../kernel/beijing-time';
import { Clock } from '../kernel/clock';
import { statement } from '../kernel/projection';
import { RequestValidationError } from './request-validation';

/** `asOf`: a date (YYYY-MM-DD, the record at the end of that day in Beijing) or a log position. */
const AS_OF_PATTERN = /^(\d{4}-\d{2}-\d{2}|\d{1,18}(\/\d{1,18})?)$/;

/** An optional `asOf` query parameter: `what` it shows as it stood then, e.g. 'The figures'. */
export function AsOfParameter(what: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: `${what} as it stood at the end of this day (YYYY-MM-DD, Beijing) or at this global log position`,
      example: '2025-03-01',
    }),
    IsOptional(),
    Matches(AS_OF_PATTERN, { message: 'asOf must be a date YYYY-MM-DD or a log position' }),
  );
}

/** The moment a time-travelling view is read as of (see `logCalendarProjection`). */
export interface Moment {
  /** The log position (its commit number) the view is read as of; null for the live view. */
  at: number | null;
  /** The Beijing day counted to (days in a stage, overdue, flags). */
  today: string;
}

/** Turns an `asOf` into the moment to read as of. */
@Injectable()
export class LogCalendar {
  constructor(
    private readonly read: ReadDatabase,
    private readonly clock: Clock,
  ) {}

  /** The moment of `asOf` (a date: the end of that day, Beijing; or a position), or now. */
  moment(asOf: string | undefined): Moment {
    const today = beijingDate(this.clock.now());
    if (!asOf) return { at: null, today };
    if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
      const parsed = new Date(`${asOf}T00:00:00Z`);
      if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== asOf) {
        throw new RequestValidationError([
          { field: 'asOf', rule: 'date', message: 'asOf must be a real calendar date' },
        ]);
      }
      const row = statement<[string], { at: number | null }>(
        this.read.db,
        'SELECT MAX(last_position) AS at FROM log_days WHERE day <= ?',
      ).get(asOf);
      return { at: row?.at ?? 0, today: asOf };
    }
    const at = Number(asOf.split('/')[0]);
    if (!Number.isSafeInteger(at)) {
      throw new RequestValidationError([
        { field: 'asOf', rule: 'position', message: 'asOf is not a log position' },
      ]);
    }
    // The day of that position: the first day whose last position reaches it.
    const day = statement<[number], { day: string | null }>(
      this.read.db,
      'SELECT MIN(day) AS day FROM log_days WHERE last_position >= ?',
    ).get(at);
    return { at, today: day?.day ?? today };
  }
}
