import Database from 'better-sqlite3';
import { TemporalTable } from '../../src/projections/temporal-table';

interface Row {
  id: string;
  value: string;
}

/** The versions of the table, as [id, value, valid_from, valid_to]. */
const versions = (db: Database.Database) =>
  db
    .prepare<[], Row & { valid_from: number; valid_to: number | null }>(
      'SELECT * FROM t ORDER BY id, valid_from',
    )
    .all()
    .map((r) => [r.id, r.value, r.valid_from, r.valid_to]);

describe('TemporalTable', () => {
  let db: Database.Database;
  let table: TemporalTable<Row>;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec(`CREATE TABLE t (id TEXT NOT NULL, value TEXT NOT NULL, valid_from INTEGER NOT NULL,
      valid_to INTEGER, PRIMARY KEY (id, valid_from)) WITHOUT ROWID`);
    table = new TemporalTable<Row>('t', ['id'], ['id', 'value']);
  });
  afterEach(() => db.close());

  it('Given changes at several positions in one batch, When flushed, Then each position opens a version that the next one closes', () => {
    table.put(db, { id: 'a', value: 'one' }, 1);
    table.put(db, { id: 'a', value: 'two' }, 5);
    table.flush(db);
    table.put(db, { ...table.get(db, 'a')!, value: 'three' }, 9);
    table.flush(db);
    expect(versions(db)).toEqual([
      ['a', 'one', 1, 5],
      ['a', 'two', 5, 9],
      ['a', 'three', 9, null],
    ]);
  });

  it('Given two changes at the same position (one commit), When flushed, Then they make one version, even across batches', () => {
    table.put(db, { id: 'a', value: 'one' }, 3);
    table.put(db, { id: 'a', value: 'one, changed' }, 3);
    table.flush(db);
    table.put(db, { ...table.get(db, 'a')!, value: 'one, changed again' }, 3);
    table.flush(db);
    expect(versions(db)).toEqual([['a', 'one, changed again', 3, null]]);
  });

  it('Given a row removed and put back, When flushed, Then there is no version in between', () => {
    table.put(db, { id: 'a', value: 'linked' }, 1);
    table.flush(db);
    table.remove(db, 4, 'a');
    table.flush(db);
    expect(table.get(db, 'a')).toBeUndefined();
    table.put(db, { id: 'a', value: 'linked again' }, 7);
    table.flush(db);
    expect(versions(db)).toEqual([
      ['a', 'linked', 1, 4],
      ['a', 'linked again', 7, null],
    ]);
  });

  it('Given a row read, When the copy is changed without put, Then the stored version is untouched', () => {
    table.put(db, { id: 'a', value: 'one' }, 1);
    table.get(db, 'a')!.value = 'scribbled';
    table.flush(db);
    expect(versions(db)).toEqual([['a', 'one', 1, null]]);
  });
});
