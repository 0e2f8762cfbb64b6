import { OrganisationEvent, OrganisationRegisteredV1 } from '../events/organisation-events';
import { Projection, statement } from '../platform/kernel/projection';
import { replaceReaders } from '../platform/projections/readers-table';
import { ReadPolicy } from '../platform/access/readers';

/** A row of `rm_organisations`, as its DDL below defines it. */
export interface OrganisationRow {
  organisation_id: string;
  kind: string;
  level: string;
  region_code: string;
  parent_organisation_id: string | null;
  name_zh: string;
  name_en: string;
  registered_at: string;
}

const DDL = `CREATE TABLE IF NOT EXISTS rm_organisations (
  organisation_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  region_code TEXT NOT NULL,
  parent_organisation_id TEXT,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  registered_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rm_organisations_region ON rm_organisations (region_code, organisation_id);`;

/** The directory of registered organisations, for listings, readable by the feature's policy. */
export const organisationsProjection = (
  policy: ReadPolicy<OrganisationRegisteredV1>,
): Projection<OrganisationEvent> => ({
  name: 'organisations',
  version: 2,
  tables: ['rm_organisations'],
  recordTypes: [policy.recordType],
  handles: ['OrganisationRegistered'],

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    const o = event.data;
    statement(db, `INSERT OR REPLACE INTO rm_organisations VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      o.organisationId,
      o.kind,
      o.level,
      o.regionCode,
      o.parentOrganisationId,
      o.nameZh,
      o.nameEn,
      recorded.metadata.occurredAt,
    );
    replaceReaders(db, policy.recordType, o.organisationId, policy.readers(o));
  },
});
