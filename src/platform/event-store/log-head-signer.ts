import { EventStore, LOG_START, LogPosition, LogStart, readLogEntries } from './event-store.port';
import { HeadSigningKey } from './head-signing-key';
import { LogDigest, logHeadSignatureHolds, signLogHead } from './log-head';
import { LogHeadStore } from './log-head-store';

export interface LogHeadSchedule {
  /** Heads are at most this many events apart. */
  everyEvents: number;
  /** How often the signer reads the new events and signs a head over them. */
  intervalMs: number;
}

const PAGE_SIZE = 5000;

/**
 * Reads the global log through the port, like a projection, and signs heads over it. Being a
 * reader rather than part of `append`, it works the same for both adapters and adds nothing to
 * the append path; it reads only where each event stands (`readLogEntries`), not payloads, and
 * only every `intervalMs`. The price: the newest events, appended since the last read, are not
 * yet under a signed head.
 */
export class LogHeadSigner {
  private digest: LogDigest | null = null;
  private cursor: LogPosition | LogStart = LOG_START;
  private signedEvents = 0;
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly heads: LogHeadStore,
    private readonly key: HeadSigningKey,
    private readonly schedule: LogHeadSchedule,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Resumes from the latest stored head. Its stored stream heads must still match what it signed;
   * otherwise the signer refuses to start, since signing on would vouch for altered records.
   */
  start(): void {
    const latest = this.heads.latest();
    const digest = latest
      ? new LogDigest(latest.logHash, latest.events, latest.position, this.heads.streamHeads())
      : new LogDigest();
    if (latest) {
      const problem = !logHeadSignatureHolds(latest)
        ? 'its signature does not hold'
        : latest.keyId !== this.key.keyId
          ? `it was signed by key ${latest.keyId}, not by the configured key ${this.key.keyId}`
          : digest.streamHeadsDigest() !== latest.streamHeadsDigest
            ? 'the stored stream heads no longer match it'
            : null;
      if (problem) {
        throw new Error(
          `Not signing log heads: the latest head (${latest.position}) fails its check, ${problem}; run npm run verify`,
        );
      }
    }
    this.digest = digest;
    this.cursor = latest?.position ?? LOG_START;
    this.signedEvents = digest.events;
    this.stopping = false;
    this.running = this.run();
  }

  /** Stops after one last read, so a clean stop leaves every event under a head. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = null;
    try {
      await this.signNewEvents();
    } catch (error) {
      this.onError(error);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.signNewEvents();
      } catch (error) {
        // A store that is briefly unreachable is read again at the next interval.
        this.onError(error);
      }
      if (this.stopping) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.schedule.intervalMs);
        timer.unref();
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Reads what was appended since the last read and signs heads over it. */
  private async signNewEvents(): Promise<void> {
    const digest = this.digest as LogDigest;
    for (;;) {
      const entries = await readLogEntries(this.store, { from: this.cursor, maxCount: PAGE_SIZE });
      if (entries.length === 0) break;
      for (const entry of entries) {
        digest.add(entry);
        if (digest.events - this.signedEvents >= this.schedule.everyEvents) this.sign(digest);
      }
      this.cursor = entries[entries.length - 1].position;
    }
    if (digest.events > this.signedEvents) this.sign(digest);
  }

  private sign(digest: LogDigest): void {
    const head = signLogHead(this.key, {
      position: digest.position as LogPosition,
      events: digest.events,
      streams: digest.streams,
      logHash: digest.logHash,
      streamHeadsDigest: digest.streamHeadsDigest(),
      signedAt: this.now().toISOString(),
    });
    this.heads.save(head, digest.takeChangedStreams());
    this.signedEvents = digest.events;
  }
}
