import Database from 'better-sqlite3';
import { LegislinkEvent, RecordedEvent } from '../events';
import { Projection, statement } from '../platform/projections/projection';

/** The directory of registered organisations, for listings. */
export const organisationsProjection: Projection = {
  name: 'organisations',

  setUp(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS rm_organisations (
      organisation_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      level TEXT NOT NULL,
      region_code TEXT NOT NULL,
      parent_organisation_id TEXT,
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      registered_at TEXT NOT NULL)`);
  },

  reset(db: Database.Database) {
    db.exec('DELETE FROM rm_organisations');
  },

  apply(db: Database.Database, event: LegislinkEvent, recorded: RecordedEvent) {
    if (event.type !== 'OrganisationRegistered') return;
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
  },
};
