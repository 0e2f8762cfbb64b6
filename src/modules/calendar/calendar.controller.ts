import { Public } from '../../platform/access/auth.guard';
import {
  BadRequestException,
  Controller,
  Get,
  Param,
  ParseIntPipe,
  Query,
  ValidationPipe,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';
import { WorkingDayCalendar } from './working-day-calendar';

export class DueDateQuery {
  @ApiProperty({
    description:
      'Submission instant (ISO 8601). A time needs an explicit offset or Z; a bare date is taken as that day.',
    example: '2025-01-24T09:30:00+08:00',
  })
  @IsISO8601({ strict: true })
  // Without an offset, JS would read a date-time in the server's local zone, not Beijing's.
  @Matches(/^\d{4}-\d{2}-\d{2}($|T.*(Z|[+-]\d{2}(:?\d{2})?)$)/i, {
    message: 'from must be a date or a date-time with an explicit offset (Z or ±hh:mm)',
  })
  from!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 365, example: 5 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  workingDays!: number;
}

export class CalendarEntryDto {
  @ApiProperty({ example: '2025-01-28' })
  date!: string;

  @ApiProperty({ example: '春节' })
  name!: string;
}

export class CalendarYearResponse {
  @ApiProperty({ example: 2025 })
  year!: number;

  @ApiProperty({ description: 'false: no official schedule loaded, Mon–Fri assumed' })
  covered!: boolean;

  @ApiPropertyOptional({ example: '国办发明电〔2024〕12号' })
  source?: string;

  @ApiProperty({ type: [CalendarEntryDto] })
  holidays!: CalendarEntryDto[];

  @ApiProperty({ type: [CalendarEntryDto] })
  workingWeekends!: CalendarEntryDto[];

  @ApiProperty({ example: 248 })
  workingDays!: number;
}

export class DueDateResponse {
  @ApiProperty({
    description: 'The submission instant, normalised to UTC',
    example: '2025-01-24T01:30:00.000Z',
  })
  from!: string;

  @ApiProperty({ example: 5 })
  workingDays!: number;

  @ApiProperty({ description: 'Beijing calendar date (YYYY-MM-DD)', example: '2025-02-07' })
  dueDate!: string;
}

@ApiTags('calendar')
// The official calendar is public information: no token needed.
@Public()
@Controller('api/calendar')
export class CalendarController {
  constructor(private readonly calendar: WorkingDayCalendar) {}

  // Declared before ':year' so 'due-date' is not captured by the year route.
  @Get('due-date')
  @ApiOkResponse({ type: DueDateResponse })
  @ApiBadRequestResponse({
    description: 'from is not an ISO 8601 instant, or workingDays not in 1..365',
  })
  dueDate(
    @Query(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }))
    query: DueDateQuery,
  ): DueDateResponse {
    const from = new Date(query.from);
    try {
      return {
        from: from.toISOString(),
        workingDays: query.workingDays,
        dueDate: this.calendar.addWorkingDays(from, query.workingDays),
      };
    } catch (err) {
      // A well-formed but unsupported instant (e.g. year 0500) is the caller's error, not a 500.
      if (err instanceof RangeError) throw new BadRequestException(err.message);
      throw err;
    }
  }

  @Get(':year')
  @ApiOkResponse({ type: CalendarYearResponse })
  @ApiBadRequestResponse({ description: 'year is not an integer in 1000..9999' })
  year(@Param('year', ParseIntPipe) year: number): CalendarYearResponse {
    if (year < 1000 || year > 9999) throw new BadRequestException('year must be in 1000..9999');
    const schedule = this.calendar.schedule(year);
    return {
      year,
      covered: schedule !== undefined,
      source: schedule?.source,
      holidays: schedule?.holidays ?? [],
      workingWeekends: schedule?.workingWeekends ?? [],
      workingDays: this.calendar.workingDaysInYear(year),
    };
  }
}
