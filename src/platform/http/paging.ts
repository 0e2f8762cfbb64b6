import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { RequestValidationError } from './request-validation';

export const MAX_PAGE = 200;

/** `limit` and the opaque `cursor` of the page before: every list pages the same way. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,1000}$/, { message: 'cursor must be a nextCursor from this API' })
  cursor?: string;
}

/** A page of a list: the items, and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The sort key of a list's last item, opaque to callers. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key as (string | number)[];
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new RequestValidationError([
    { field: 'cursor', rule: 'cursor', message: 'cursor must be a nextCursor from this API' },
  ]);
}

/** Fetches one more row than the limit to know whether another page follows. */
export function pageOf<Row, T>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => (string | number)[],
  view: (row: Row) => T,
): Page<T> {
  return pageOfBatch(rows, limit, keyOf, (shown) => shown.map(view));
}

/** `pageOf` for views built a whole page at a time (one statement per kind for all its rows). */
export function pageOfBatch<Row, T>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => (string | number)[],
  views: (shown: Row[]) => T[],
): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return {
    items: views(shown),
    nextCursor: more ? encodeCursor(keyOf(shown[shown.length - 1])) : null,
  };
}

/** For the OpenAPI document: a page of `type`. */
export function pageType<T>(type: new () => T, name: string): new () => Page<T> {
  class PageView {
    @ApiProperty({ type: [type] }) items!: T[];
    @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page' })
    nextCursor!: string | null;
  }
  Object.defineProperty(PageView, 'name', { value: name });
  return PageView;
}

/**
 * What a keyset-paged list binds, from `limit` and `cursor`: `@after` (null on the first page),
 * `@k0`…`@k<width-1>` (the previous page's last sort key) and `@limit` (one row more than the
 * page, so `pageOf` knows whether another follows). `limit` is the page size to pass `pageOf`.
 */
export function keysetParams(
  query: PageQueryDto,
  width: number,
): { limit: number; params: Record<string, string | number | null> } {
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, width) : null;
  const params: Record<string, string | number | null> = {
    after: after ? 1 : null,
    limit: Math.min(limit, MAX_PAGE) + 1,
  };
  for (let i = 0; i < width; i++) params[`k${i}`] = after?.[i] ?? null;
  return { limit, params };
}
