import { strFromU8, unzipSync } from 'fflate';

/** A DOCX opened as a ZIP: each part's XML by name. */
export function openDocx(bytes: Buffer | Uint8Array): Record<string, string> {
  const parts = unzipSync(new Uint8Array(bytes));
  return Object.fromEntries(Object.entries(parts).map(([name, data]) => [name, strFromU8(data)]));
}

/** The attributes of the first element named `tag` (e.g. `w:pgMar`) as name → value. */
export function attributesOf(xml: string, tag: string): Record<string, string> {
  const element = new RegExp(`<${tag}\\s([^>]*?)/?>`).exec(xml);
  if (!element) throw new Error(`No <${tag}> in the part`);
  return Object.fromEntries(
    [...element[1].matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
}

/** Every run (`w:r`) with its text, east-Asian font, size (half-points) and colour. */
export function runsOf(
  xml: string,
): { text: string; eastAsia?: string; size?: string; color?: string }[] {
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map(([, run]) => ({
    text: [...run.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    eastAsia: /w:eastAsia="([^"]+)"/.exec(run)?.[1],
    size: /<w:sz w:val="(\d+)"/.exec(run)?.[1],
    color: /<w:color w:val="([0-9A-Fa-f]+)"/.exec(run)?.[1],
  }));
}

/** Every paragraph (`w:p`) as its XML, for checks on borders and alignment. */
export function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p\s[^>]*>(.*?)<\/w:p>/g)].map((m) => m[0]);
}
