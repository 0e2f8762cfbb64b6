import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Length, Matches } from 'class-validator';

/** A calendar date, YYYY-MM-DD (Beijing). */
export function IsDay(description?: string, optional = false) {
  const doc = { example: '2025-03-15', format: 'date', description };
  return applyDecorators(
    optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date in the form YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );
}

/** Free text of `min` to `max` characters. */
export function Text(min: number, max: number) {
  return applyDecorators(IsString(), Length(min, max));
}

/** The values of a yes-or-no query parameter. */
export const BOOLEAN = ['true', 'false'] as const;
