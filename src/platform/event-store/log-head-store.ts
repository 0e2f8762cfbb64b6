import Database from 'better-sqlite3';
import { LOG_HEAD_FORMAT, SignedLogHead, StreamHead } from './log-head';

interface LogHeadRow {
  events: number;
  position: string;
  streams: number;
  log_hash: string;
  stream_heads_digest: string;
  signed_at: string;
  key_id: string;
  public_key: string;
  signature: string;
}

interface StreamHeadRow {
  stream_id: string;
  revision: number;
  hash: string;
  log_index: number;
}

/**
 * Signed log heads and the stream heads of the latest one, in the read database (the embedded
 * store's own file, or the local file beside EventStoreDB), so both adapters keep them alike.
 * Unlike read models these cannot be rebuilt: a head re-signed over a tampered log would vouch
 * for it. Every head is kept, so verification can say between which two heads the log changed.
 */
export class LogHeadStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS log_heads (
        events              INTEGER PRIMARY KEY,
        position            TEXT    NOT NULL,
        streams             INTEGER NOT NULL,
        log_hash            TEXT    NOT NULL,
        stream_heads_digest TEXT    NOT NULL,
        signed_at           TEXT    NOT NULL,
        key_id              TEXT    NOT NULL,
        public_key          TEXT    NOT NULL,
        signature           TEXT    NOT NULL
      );
      CREATE TABLE IF NOT EXISTS log_head_streams (
        stream_id TEXT    PRIMARY KEY,
        revision  INTEGER NOT NULL,
        hash      TEXT    NOT NULL,
        log_index INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS log_head_streams_by_log_index ON log_head_streams (log_index);
    `);
    this.statements = {
      insertHead: db.prepare<[LogHeadRow]>(
        `INSERT INTO log_heads (events, position, streams, log_hash, stream_heads_digest,
                                signed_at, key_id, public_key, signature)
         VALUES (@events, @position, @streams, @log_hash, @stream_heads_digest,
                 @signed_at, @key_id, @public_key, @signature)`,
      ),
      upsertStream: db.prepare<[StreamHeadRow]>(
        `INSERT INTO log_head_streams (stream_id, revision, hash, log_index)
         VALUES (@stream_id, @revision, @hash, @log_index)
         ON CONFLICT (stream_id) DO UPDATE
           SET revision = excluded.revision, hash = excluded.hash, log_index = excluded.log_index`,
      ),
      latest: db.prepare<[], LogHeadRow>('SELECT * FROM log_heads ORDER BY events DESC LIMIT 1'),
      all: db.prepare<[], LogHeadRow>('SELECT * FROM log_heads ORDER BY events'),
      streams: db.prepare<[], StreamHeadRow>('SELECT * FROM log_head_streams ORDER BY log_index'),
    };
  }

  /** Stores a head together with the stream heads that moved since the previous one. */
  save(head: SignedLogHead, movedStreams: readonly StreamHead[]): void {
    this.db.transaction(() => {
      this.statements.insertHead.run({
        events: head.events,
        position: head.position,
        streams: head.streams,
        log_hash: head.logHash,
        stream_heads_digest: head.streamHeadsDigest,
        signed_at: head.signedAt,
        key_id: head.keyId,
        public_key: JSON.stringify(head.publicKey),
        signature: head.signature,
      });
      for (const stream of movedStreams) {
        this.statements.upsertStream.run({
          stream_id: stream.streamId,
          revision: stream.revision,
          hash: stream.hash,
          log_index: stream.logIndex,
        });
      }
    })();
  }

  latest(): SignedLogHead | null {
    const row = this.statements.latest.get();
    return row ? toSignedLogHead(row) : null;
  }

  /** Every stored head, oldest first. */
  all(): SignedLogHead[] {
    return this.statements.all.all().map(toSignedLogHead);
  }

  /** The stream heads as of the latest head, in log order of each stream's last event. */
  streamHeads(): StreamHead[] {
    return this.statements.streams.all().map((row) => ({
      streamId: row.stream_id,
      revision: row.revision,
      hash: row.hash,
      logIndex: row.log_index,
    }));
  }
}

function toSignedLogHead(row: LogHeadRow): SignedLogHead {
  return {
    format: LOG_HEAD_FORMAT,
    position: row.position,
    events: row.events,
    streams: row.streams,
    logHash: row.log_hash,
    streamHeadsDigest: row.stream_heads_digest,
    signedAt: row.signed_at,
    keyId: row.key_id,
    publicKey: JSON.parse(row.public_key) as SignedLogHead['publicKey'],
    signature: row.signature,
  };
}
