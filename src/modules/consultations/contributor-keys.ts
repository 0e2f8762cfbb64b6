import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { timeOrderedUuid } from '../../platform/commands/command-handler';
import { SealedContact } from '../../events/consultation-events';
import { CONTRIBUTOR_KEYS_DDL } from '../../projections/consultations.projection';
import { PersonalDataFound } from './personal-data-screening';

/** What a person may leave so that the office can tell them back: never logged in clear. */
export interface Contact {
  name?: string;
  phone?: string;
  address?: string;
  /** Personal data the person wrote into the opinion's text, taken out of it at intake. */
  fromText?: PersonalDataFound[];
}

export interface ContributorKey {
  contributorId: string;
  key: Buffer;
}

const RECEIPT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * The key table (crypto-shredding): one AES-256 key per contributor, in the SQLite file but
 * outside the log, on a connection of its own that commits with synchronous=FULL before the
 * events sealed with the key are appended, and overwrites deleted rows (secure_delete).
 * Also holds the service's secret for receipt codes and contact digests.
 */
@Injectable()
export class ContributorKeys implements OnModuleDestroy {
  private readonly db: Database.Database;
  private readonly secret: Buffer;
  private readonly byDigest: Database.Statement<[string], { contributor_id: string; key: Buffer }>;
  private readonly byId: Database.Statement<[string], { key: Buffer }>;
  private readonly insert: Database.Statement<[string, Buffer, string | null]>;

  constructor(config: AppConfig) {
    const path = config.SQLITE_PATH;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('secure_delete = ON');
    // Keys are looked up by random digests: at hundreds of thousands of contributors the default
    // 2 MiB page cache rereads the index from the OS for nearly every lookup.
    this.db.pragma('cache_size = -32768');
    this.db.exec(CONTRIBUTOR_KEYS_DDL);
    this.db
      .prepare(`INSERT OR IGNORE INTO consultation_secrets VALUES ('receipts', ?)`)
      .run(randomBytes(32));
    this.secret = this.db
      .prepare<[], { value: Buffer }>(
        `SELECT value FROM consultation_secrets WHERE name = 'receipts'`,
      )
      .get()!.value;
    this.byDigest = this.db.prepare(
      `SELECT contributor_id, key FROM contributor_keys WHERE contact_digest = ?`,
    );
    this.byId = this.db.prepare(`SELECT key FROM contributor_keys WHERE contributor_id = ?`);
    this.insert = this.db.prepare(`INSERT INTO contributor_keys VALUES (?, ?, ?)`);
  }

  onModuleDestroy(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * The receipt code of an opinion: derived from its id under the secret, so a retried request
   * gets the same code, and unguessable without the secret. 15 characters, about 74 bits.
   */
  receiptCode(opinionId: string): string {
    const mac = createHmac('sha256', this.secret).update(`receipt:${opinionId}`).digest();
    let code = '';
    for (let i = 0; i < 15; i++) code += RECEIPT_ALPHABET[mac[i] % RECEIPT_ALPHABET.length];
    return `${code.slice(0, 5)}-${code.slice(5, 10)}-${code.slice(10)}`;
  }

  /** What the log and read model keep of a receipt code. */
  static receiptDigest(code: string): string {
    return createHash('sha256').update(code.trim().toUpperCase()).digest('base64url');
  }

  /**
   * The contributor of each contact: the same phone number is the same contributor (found by a
   * keyed digest, never the number), anyone else a new one. New keys are committed before this
   * returns, so they are durable before the events that use them. New contributors' ids are
   * time-ordered, so a batch's new rows sit together in the key table and the opinions' index.
   */
  contributorsFor(contacts: (Contact | null)[]): ContributorKey[] {
    const resolve = this.db.transaction((list: (Contact | null)[]) => {
      const seen = new Map<string, ContributorKey>();
      // One draw from the CSPRNG for the whole batch's keys, not one call per key.
      const keys = randomBytes(32 * list.length);
      return list.map((contact, i) => {
        const phone = contact?.phone?.replace(/\D/g, '');
        const digest = phone
          ? createHmac('sha256', this.secret).update(`phone:${phone}`).digest('base64url')
          : null;
        if (digest) {
          const known = seen.get(digest) ?? this.found(digest);
          if (known) {
            seen.set(digest, known);
            return known;
          }
        }
        const created = {
          contributorId: timeOrderedUuid(),
          key: keys.subarray(32 * i, 32 * i + 32),
        };
        this.insert.run(created.contributorId, created.key, digest);
        if (digest) seen.set(digest, created);
        return created;
      });
    });
    return resolve.immediate(contacts);
  }

  private found(digest: string): ContributorKey | null {
    const row = this.byDigest.get(digest);
    return row ? { contributorId: row.contributor_id, key: row.key } : null;
  }

  /** `iv`: 12 random bytes, never used twice with the same key. */
  static seal(key: ContributorKey, contact: Contact, iv: Buffer): SealedContact {
    const cipher = createCipheriv('aes-256-gcm', key.key, iv);
    cipher.setAAD(Buffer.from(key.contributorId));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(contact), 'utf8'),
      cipher.final(),
    ]);
    return {
      ciphertext: ciphertext.toString('base64url'),
      iv: iv.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    };
  }

  /** The contact in clear, or null once the contributor was erased (the key is gone). */
  open(contributorId: string, sealed: SealedContact): Contact | null {
    const row = this.byId.get(contributorId);
    if (!row) return null;
    const decipher = createDecipheriv('aes-256-gcm', row.key, Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(contributorId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    const clear = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return JSON.parse(clear.toString('utf8')) as Contact;
  }

  /** Whether the contributor still has a key (for tests and the erasure answer). */
  hasKey(contributorId: string): boolean {
    return this.byId.get(contributorId) !== undefined;
  }
}
