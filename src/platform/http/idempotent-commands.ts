import {
  BadRequestException,
  ConflictException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { FastifyReply } from 'fastify';
import { canonicalJson } from '../event-store/hash-chain';
import { ReadDatabase } from '../event-store/read-database';
import { AuthenticatedRequest } from '../access/auth.guard';
import { requestHeader } from './request-header';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

interface StoredResponse {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  status: number | null;
  body: string | null;
  headers: string | null;
  started_at: string;
}

/** An in-progress record older than this is taken to be from a crashed process. */
const ABANDONED_AFTER_MS = 30_000;
const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * `Idempotency-Key` on a command: the first response for a (user, key) pair is recorded and a
 * retry gets it back without running the command again. The same key with a different request
 * is refused (422); a retry while the first is still running gets 409. If the process dies
 * between appending and recording, the retry runs again, and the command handler recognises its
 * own events by their key-derived ids and appends nothing. Called by the command routes
 * themselves rather than as a global interceptor: Nest wraps every interceptor in an
 * Observable and an AsyncResource per request, a cost every route paid for the commands' sake.
 */
@Injectable()
export class IdempotentCommands {
  constructor(private readonly read: ReadDatabase) {
    read.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      user_id TEXT NOT NULL,
      key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      state TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      headers TEXT,
      started_at TEXT NOT NULL,
      PRIMARY KEY (user_id, key))`);
  }

  /** Runs `command` (answering `status`), or answers as the first run with the same key did. */
  async run(
    request: AuthenticatedRequest,
    response: FastifyReply,
    status: number,
    command: () => Promise<unknown>,
  ): Promise<unknown> {
    const key = requestHeader(request, IDEMPOTENCY_HEADER);
    if (key === undefined || !request.actor) return command();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const userId = request.actor.userId;
    const fingerprint = createHash('sha256')
      .update(
        canonicalJson({ method: request.method, path: request.originalUrl, body: request.body }),
      )
      .digest('hex');

    const existing = this.find(userId, key);
    if (existing && existing.fingerprint !== fingerprint) {
      throw new UnprocessableEntityException(
        'This Idempotency-Key was used for a different request; use a new key',
      );
    }
    if (existing?.state === 'completed') {
      const headers = JSON.parse(existing.headers ?? '{}') as Record<string, string>;
      for (const [name, value] of Object.entries(headers)) response.header(name, value);
      response.header('idempotent-replayed', 'true');
      response.status(existing.status ?? 200);
      return JSON.parse(existing.body ?? 'null');
    }
    const abandoned = existing && Date.now() - Date.parse(existing.started_at) > ABANDONED_AFTER_MS;
    if (existing && !abandoned) {
      throw new ConflictException('A request with this Idempotency-Key is still being processed');
    }
    this.read.db
      .prepare(
        `INSERT OR REPLACE INTO idempotency_keys (user_id, key, fingerprint, state, started_at)
         VALUES (?, ?, ?, 'in_progress', ?)`,
      )
      .run(userId, key, fingerprint, new Date().toISOString());

    let body: unknown;
    try {
      body = await command();
    } catch (error) {
      // A refused command wrote nothing; forget the key so a corrected retry can run.
      this.read.db
        .prepare('DELETE FROM idempotency_keys WHERE user_id = ? AND key = ?')
        .run(userId, key);
      throw error;
    }
    const headers = Object.fromEntries(
      REPLAYED_HEADERS.filter((h) => response.getHeader(h) !== undefined).map((h) => [
        h,
        String(response.getHeader(h)),
      ]),
    );
    this.read.db
      .prepare(
        `UPDATE idempotency_keys SET state = 'completed', status = ?, body = ?, headers = ?
         WHERE user_id = ? AND key = ?`,
      )
      .run(status, JSON.stringify(body ?? null), JSON.stringify(headers), userId, key);
    return body;
  }

  private find(userId: string, key: string): StoredResponse | undefined {
    return this.read.db
      .prepare<[string, string], StoredResponse>(
        'SELECT fingerprint, state, status, body, headers, started_at FROM idempotency_keys WHERE user_id = ? AND key = ?',
      )
      .get(userId, key);
  }
}
