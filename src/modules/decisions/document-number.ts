import { nameBasedId } from '../../platform/kernel/ids';

/**
 * A document number as it is compared: NFKC (full-width letters and digits become plain), no
 * whitespace, and whatever brackets surround the year written as the official 〔 〕, so
 * 吉发[2016]12号, 吉发【2016】12号 and 吉发（2016）12号 are the same number as 吉发〔2016〕12号.
 */
export function normaliseDocumentNumber(documentNumber: string): string {
  return documentNumber
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[[【(（〔](\d{4})[\]】)）〕]/u, '〔$1〕');
}

/** A decision's id: one per committee and document number, so a second one lands on the first. */
export function decisionIdOf(committeeId: string, documentNumber: string): string {
  return nameBasedId(`${committeeId}|${normaliseDocumentNumber(documentNumber)}`);
}
