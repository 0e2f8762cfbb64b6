/**
 * Who reads what of a consultation, stated once. The consultation itself (the draft and its
 * window) is public: every signed-in caller reads it, and its noticeboard needs no token. Its
 * opinions, clusters and dispositions are read by record: the legislature and its special
 * committees read every record; an outreach office reads the records it made (its intakes and
 * telling-back logs). Dispositions reach the public only once published.
 */
import { Reader, ReadPolicy, principal } from '../../platform/access/readers';
import { legislatureReaders } from '../organisations/sides';

export const CONSULTATION_READ_POLICY: ReadPolicy<unknown> = {
  recordType: 'consultation',
  readers: () => [{ principal: principal.anyone(), reason: 'consultation' }],
};

/** What decides who reads a consultation record (intake, disposition sheet, telling back). */
export interface RecordFacts {
  legislatureId: string;
  officeId: string | null;
}

export const RECORD_READ_POLICY: ReadPolicy<RecordFacts> = {
  recordType: 'consultation_record',
  readers: ({ legislatureId, officeId }): Reader[] => [
    ...legislatureReaders(legislatureId, 'consulting'),
    ...(officeId ? [{ principal: principal.organisation(officeId), reason: 'collected' }] : []),
  ],
};
