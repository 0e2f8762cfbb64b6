import { RecordedEvent } from '../../events/envelope';
import { EventStore, LOG_START, Subscription } from './event-store.port';
import { HeadSigningKey } from './head-signing-key';
import { LogDigest, SignedLogHead, logHeadSignatureHolds, signLogHead } from './log-head';
import { LogHeadStore } from './log-head-store';

export interface LogHeadSchedule {
  /** A head is signed as soon as this many events are unsigned. */
  everyEvents: number;
  /** Unsigned events wait at most this long for a head. */
  intervalMs: number;
}

/**
 * Follows the global log through the port, like a projection, and signs heads over it. Being a
 * reader rather than part of `append`, it works the same for both adapters and adds nothing to
 * the append path; the price is a window of at most `everyEvents` events or `intervalMs` during
 * which the newest events are not yet under a signed head.
 */
export class LogHeadSigner {
  private digest: LogDigest | null = null;
  private signedEvents = 0;
  private subscription: Subscription | null = null;
  private timer: NodeJS.Timeout | null = null;

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
    this.signedEvents = digest.events;
    this.subscription = this.store.subscribeToAll({
      from: latest?.position ?? LOG_START,
      onEvents: (events) => this.follow(events),
      onError: this.onError,
    });
  }

  /** Stops following and signs what was read but not yet signed, so a clean stop leaves no gap. */
  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    this.signPending();
  }

  /** Signs a head over every event read so far, unless they are all signed already. */
  signPending(): SignedLogHead | null {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const digest = this.digest;
    if (!digest || digest.position === null || digest.events === this.signedEvents) return null;
    const head = signLogHead(this.key, {
      position: digest.position,
      events: digest.events,
      streams: digest.streams,
      logHash: digest.logHash,
      streamHeadsDigest: digest.streamHeadsDigest(),
      signedAt: this.now().toISOString(),
    });
    this.heads.save(head, digest.takeChangedStreams());
    this.signedEvents = digest.events;
    return head;
  }

  private follow(events: RecordedEvent[]): void {
    const digest = this.digest as LogDigest;
    for (const event of events) {
      digest.add(event);
      if (digest.events - this.signedEvents >= this.schedule.everyEvents) this.signPending();
    }
    if (digest.events > this.signedEvents && !this.timer) {
      this.timer = setTimeout(() => {
        try {
          this.signPending();
        } catch (error) {
          this.onError(error);
        }
      }, this.schedule.intervalMs);
      this.timer.unref();
    }
  }
}
