import {
  OrganisationEvent,
  OrganisationRegisteredV1,
  OutreachPlace,
} from '../events/organisation-events';
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

/** A row of `rm_outreach_offices`: what an outreach office is for (lists are JSON). */
export interface OutreachOfficeRow {
  organisation_id: string;
  tier: string;
  legislature_ids: string;
  liaison_officer_ids: string;
  collection_points: string;
  outreach_units: string;
}

export const parseOutreachPlaces = (json: string) => JSON.parse(json) as OutreachPlace[];

const DDL = `CREATE TABLE IF NOT EXISTS rm_organisations (
  organisation_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  region_code TEXT NOT NULL,
  parent_organisation_id TEXT,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  registered_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rm_organisations_region ON rm_organisations (region_code, organisation_id);
CREATE TABLE IF NOT EXISTS rm_outreach_offices (
  organisation_id TEXT PRIMARY KEY,
  tier TEXT NOT NULL,
  legislature_ids TEXT NOT NULL,
  liaison_officer_ids TEXT NOT NULL,
  collection_points TEXT NOT NULL,
  outreach_units TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rm_outreach_office_legislatures (
  legislature_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  PRIMARY KEY (legislature_id, organisation_id));`;

/** The directory of registered organisations, for listings, readable by the feature's policy. */
export const organisationsProjection = (
  policy: ReadPolicy<OrganisationRegisteredV1>,
): Projection<OrganisationEvent> => ({
  name: 'organisations',
  version: 3,
  tables: ['rm_organisations', 'rm_outreach_offices', 'rm_outreach_office_legislatures'],
  recordTypes: [policy.recordType],
  handles: ['OrganisationRegistered', 'OutreachOfficeDescribed'],

  setUp(db) {
    db.exec(DDL);
  },

  apply(db, event, recorded) {
    if (event.type === 'OutreachOfficeDescribed') {
      const d = event.data;
      statement(db, `INSERT OR REPLACE INTO rm_outreach_offices VALUES (?, ?, ?, ?, ?, ?)`).run(
        d.organisationId,
        d.tier,
        JSON.stringify(d.legislatureIds),
        JSON.stringify(d.liaisonOfficerIds),
        JSON.stringify(d.collectionPoints),
        JSON.stringify(d.outreachUnits),
      );
      statement(db, `DELETE FROM rm_outreach_office_legislatures WHERE organisation_id = ?`).run(
        d.organisationId,
      );
      for (const legislatureId of d.legislatureIds) {
        statement(db, `INSERT INTO rm_outreach_office_legislatures VALUES (?, ?)`).run(
          legislatureId,
          d.organisationId,
        );
      }
      return;
    }
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
