import {
  EventStore,
  LOG_START,
  LogPosition,
  LogStart,
  StreamNotFoundError,
  compareLogPositions,
} from './event-store.port';
import { BrokenLink, ChainVerification, ChainVerifier } from './hash-chain';
import {
  LogDigest,
  SignedLogHead,
  StreamHead,
  logHeadSignatureHolds,
  streamHeadsDigest,
} from './log-head';
import { LogHeadStore } from './log-head-store';

/** Every kind of problem verification names, in the order `problems` lists them. */
export const TAMPER_KINDS = [
  /** A head's signature does not hold: the head was forged or altered. */
  'head_signature_invalid',
  /** A head was signed by a key other than the store's. */
  'head_key_unknown',
  /** The stored stream heads differ from what the latest head signed. */
  'stream_heads_altered',
  /** The per-stream hash chain is broken (see `BrokenLink`). */
  'hash_mismatch',
  'previous_hash_mismatch',
  'revision_gap',
  /** The log ends before a signed head's position: its tail was cut. */
  'log_truncated',
  /** A stream the latest head signed is gone. */
  'stream_deleted',
  /** A stream lacks events up to the revision the latest head signed. */
  'stream_truncated',
  /** A stream's event at the signed revision has another hash: rewritten, chain and all. */
  'stream_rewritten',
  /** The log up to a signed head differs from what the head signed. */
  'log_rewritten',
] as const satisfies readonly string[];

export type TamperKind = (typeof TAMPER_KINDS)[number];

export interface TamperProblem {
  kind: TamperKind;
  streamId?: string;
  revision?: number;
  position?: LogPosition;
  detail: string;
}

export interface HeadsSummary {
  /** Heads whose signature was checked, stored and external. */
  checked: number;
  latest: { position: LogPosition; events: number; signedAt: string } | null;
  /** Events after the latest stored head: not yet signed, so their loss would go unnoticed. */
  unsignedEvents: number;
}

export interface StoreVerification extends ChainVerification {
  heads: HeadsSummary;
  /** The problem that explains most, by the order of `problems`. */
  firstProblem: TamperProblem | null;
  /** Head and signature problems, then the chain's first broken link, a cut log tail, damaged
   * streams in log order, and last the first head the log no longer matches. */
  problems: TamperProblem[];
}

export interface VerifyStoreOptions {
  /** Verify one stream only: its chain and its signed head. */
  streamId?: string;
  heads: LogHeadStore;
  /** Id of the store's head signing key; stored heads signed by another key are not trusted. */
  trustedKeyId: string;
  /** A head kept outside the store, checked against the log like the stored ones. */
  externalHead?: SignedLogHead;
  onProgress?: (events: number) => void;
}

interface CheckedHeads {
  problems: TamperProblem[];
  /** Heads whose claims are compared with the log, by position. */
  evidence: SignedLogHead[];
  /** The latest stored head's stream heads, when both it and they are authentic. */
  signedStreams: StreamHead[] | null;
  latest: SignedLogHead | null;
  checked: number;
}

function checkHeads(options: VerifyStoreOptions): CheckedHeads {
  const problems: TamperProblem[] = [];
  const evidence: SignedLogHead[] = [];
  const stored = options.heads.all();
  const check = (head: SignedLogHead, where: string): boolean => {
    if (!logHeadSignatureHolds(head)) {
      problems.push({
        kind: 'head_signature_invalid',
        position: head.position,
        detail: `The ${where} head at ${head.position} (${head.events} events) does not match its signature`,
      });
      return false;
    }
    if (head.keyId !== options.trustedKeyId) {
      problems.push({
        kind: 'head_key_unknown',
        position: head.position,
        detail: `The ${where} head at ${head.position} was signed by key ${head.keyId}, the store signs with ${options.trustedKeyId}`,
      });
      // An outside copy is still evidence of what the log held; a stored one proves nothing.
      return where === 'external';
    }
    return true;
  };
  if (options.externalHead && check(options.externalHead, 'external')) {
    evidence.push(options.externalHead);
  }
  const trusted = stored.filter((head) => check(head, 'stored'));
  evidence.push(...trusted);
  evidence.sort((a, b) => compareLogPositions(a.position, b.position));

  const latest = stored.length > 0 ? stored[stored.length - 1] : null;
  let signedStreams: StreamHead[] | null = null;
  if (latest && trusted.includes(latest)) {
    const streams = options.heads.streamHeads();
    if (streamHeadsDigest(streams) === latest.streamHeadsDigest) signedStreams = streams;
    else {
      problems.push({
        kind: 'stream_heads_altered',
        position: latest.position,
        detail: `The stored stream heads differ from those the latest head at ${latest.position} signed`,
      });
    }
  }
  const checked = stored.length + (options.externalHead ? 1 : 0);
  return { problems, evidence, signedStreams, latest, checked };
}

function brokenLinkProblem(link: BrokenLink): TamperProblem {
  const what = {
    hash_mismatch: 'does not match its hash: its content was changed',
    previous_hash_mismatch: 'does not link to the previous event’s hash',
    revision_gap: 'does not follow the previous revision',
  }[link.problem];
  return {
    kind: link.problem,
    streamId: link.streamId,
    revision: link.revision,
    position: link.position,
    detail: `Event ${link.eventId} (${link.streamId} revision ${link.revision}) ${what}`,
  };
}

/** What the log holds of the streams the latest head signed. */
class SignedStreamWatch {
  private readonly expected = new Map<string, StreamHead>();
  private readonly lastRevision = new Map<string, number>();
  private readonly hashAtSigned = new Map<string, string>();

  constructor(signed: readonly StreamHead[]) {
    for (const head of signed) this.expected.set(head.streamId, head);
  }

  see(event: { streamId: string; revision: number; hash: string }): void {
    const expected = this.expected.get(event.streamId);
    if (!expected) return;
    this.lastRevision.set(event.streamId, event.revision);
    if (event.revision === expected.revision) this.hashAtSigned.set(event.streamId, event.hash);
  }

  problems(onlyStream?: string): TamperProblem[] {
    const problems: TamperProblem[] = [];
    for (const head of this.expected.values()) {
      if (onlyStream !== undefined && head.streamId !== onlyStream) continue;
      const last = this.lastRevision.get(head.streamId);
      const { streamId, revision } = head;
      if (last === undefined) {
        problems.push({
          kind: 'stream_deleted',
          streamId,
          revision,
          detail: `Stream ${streamId} is gone; the latest head signed it up to revision ${revision}`,
        });
      } else if (last < revision) {
        problems.push({
          kind: 'stream_truncated',
          streamId,
          revision: last + 1,
          detail: `Stream ${streamId} ends at revision ${last}; the latest head signed it up to revision ${revision}`,
        });
      } else if (this.hashAtSigned.get(streamId) !== head.hash) {
        problems.push({
          kind: 'stream_rewritten',
          streamId,
          revision,
          detail: `Stream ${streamId} revision ${revision} is not the event the latest head signed: the stream was rewritten at or before it`,
        });
      }
    }
    return problems;
  }
}

/**
 * Compares the log with signed heads as it is read: at each head's position the log's length
 * and running hash must be the signed ones. Only the first mismatch is kept, since every later
 * head differs too once the log has.
 */
class HeadCheckpoints {
  private next = 0;
  private mismatch: TamperProblem | null = null;

  constructor(private readonly heads: readonly SignedLogHead[]) {}

  /** Call after the digest has taken the event at `position`. */
  passed(digest: LogDigest, position: LogPosition): void {
    while (this.next < this.heads.length) {
      const head = this.heads[this.next];
      const order = compareLogPositions(head.position, position);
      if (order > 0) return;
      this.next += 1;
      if (this.mismatch) continue;
      if (order < 0) {
        this.mismatch = this.rewritten(head, `the event at ${head.position} is gone`);
      } else if (digest.events !== head.events || digest.logHash !== head.logHash) {
        this.mismatch = this.rewritten(
          head,
          `the log now holds ${digest.events} events up to it (signed: ${head.events}) and its log hash differs`,
        );
      }
    }
  }

  private rewritten(head: SignedLogHead, why: string): TamperProblem {
    return {
      kind: 'log_rewritten',
      position: head.position,
      detail: `The log up to the head at ${head.position} is not what was signed: ${why}`,
    };
  }

  /** The first mismatch, and a cut tail if the log ends before the last head. */
  problems(digest: LogDigest): {
    truncated: TamperProblem | null;
    rewritten: TamperProblem | null;
  } {
    const beyond = this.heads.slice(this.next);
    const last = beyond[beyond.length - 1];
    const end = digest.position ?? 'the start';
    return {
      truncated: last
        ? {
            kind: 'log_truncated',
            position: last.position,
            detail: `The log ends at ${end} after ${digest.events} events; a head signed ${last.events} events up to ${last.position}`,
          }
        : null,
      rewritten: this.mismatch,
    };
  }
}

/**
 * Tamper evidence over the whole store, or over one stream: recomputes every hash chain, checks
 * the signatures of the stored heads (and of an outside copy of one), compares the log with each
 * head and names the streams the latest head signed that are now missing, cut or rewritten.
 */
export async function verifyStore(
  store: EventStore,
  options: VerifyStoreOptions,
): Promise<StoreVerification> {
  const heads = checkHeads(options);
  const chain = new ChainVerifier();
  const watch = new SignedStreamWatch(heads.signedStreams ?? []);
  const latestPosition = heads.latest?.position ?? LOG_START;
  let unsignedEvents = 0;
  const see = (event: Parameters<ChainVerifier['check']>[0]) => {
    chain.check(event);
    watch.see(event);
    if (compareLogPositions(event.position, latestPosition) > 0) unsignedEvents += 1;
  };

  let logProblems: { truncated: TamperProblem | null; rewritten: TamperProblem | null } = {
    truncated: null,
    rewritten: null,
  };
  if (options.streamId) {
    try {
      (await store.readStream(options.streamId)).forEach(see);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  } else {
    const digest = new LogDigest();
    const checkpoints = new HeadCheckpoints(heads.evidence);
    let from: LogPosition | LogStart = LOG_START;
    for (;;) {
      const page = await store.readAll({ from, maxCount: 5000 });
      if (page.length === 0) break;
      for (const event of page) {
        see(event);
        digest.add(event);
        checkpoints.passed(digest, event.position);
      }
      options.onProgress?.(digest.events);
      from = page[page.length - 1].position;
    }
    logProblems = checkpoints.problems(digest);
  }

  const result = chain.result();
  const problems = [
    ...heads.problems,
    ...(result.firstBrokenLink ? [brokenLinkProblem(result.firstBrokenLink)] : []),
    ...(logProblems.truncated ? [logProblems.truncated] : []),
    ...watch.problems(options.streamId),
    ...(logProblems.rewritten ? [logProblems.rewritten] : []),
  ];
  const latest = heads.latest;
  return {
    ...result,
    valid: problems.length === 0,
    heads: {
      checked: heads.checked,
      latest: latest
        ? { position: latest.position, events: latest.events, signedAt: latest.signedAt }
        : null,
      unsignedEvents,
    },
    firstProblem: problems[0] ?? null,
    problems,
  };
}
