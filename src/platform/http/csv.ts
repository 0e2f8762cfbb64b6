import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';

/** What every export writes and reads back: CSV for spreadsheets, RFC 4180, and JSON. */
export const EXPORT_LANGS = ['both', 'zh', 'en'] as const;
/** Headers (and labelled values) in Chinese with English beside (both), Chinese, or English. */
export type ExportLang = (typeof EXPORT_LANGS)[number];

/** The byte-order mark WPS and Excel need to read UTF-8 Chinese correctly. */
export const UTF8_BOM = '\uFEFF';

/** A column's header in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A header in the language asked: both side by side unless one is asked for. */
export const headerIn = ({ zh, en }: Bilingual, lang: ExportLang): string =>
  lang === 'zh' ? zh : lang === 'en' ? en : `${zh} ${en}`;

/** A labelled value in the language asked: Chinese unless English alone is asked for. */
export const labelIn = ({ zh, en }: Bilingual, lang: ExportLang): string =>
  lang === 'en' ? en : zh;

/**
 * RFC 4180 quoting; text starting with = + - @ (or a tab or carriage return) gets a leading '
 * so spreadsheets show it instead of running it as a formula.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export const csvLine = (values: readonly unknown[]): string =>
  `${values.map(csvCell).join(',')}\r\n`;

/**
 * An attachment written as its chunks are produced, so an export of any size never sits in
 * memory whole. Chunks are text (UTF-8); the file name is ASCII.
 */
export function exportFile(
  chunks: Iterable<string>,
  format: 'csv' | 'json',
  fileName: string,
): StreamableFile {
  return new StreamableFile(Readable.from(chunks), {
    type: `${format === 'csv' ? 'text/csv' : 'application/json'}; charset=utf-8`,
    disposition: `attachment; filename="${fileName}.${format}"`,
  });
}
