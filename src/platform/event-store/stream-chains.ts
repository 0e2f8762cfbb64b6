import { Inject, Injectable } from '@nestjs/common';
import { RecordedEvent } from '../../events/envelope';
import { EVENT_STORE, EventStore } from './event-store.port';
import { ChainVerification, ChainVerifier } from './hash-chain';

/** How many streams' verifications are kept; a detail view looks at few streams at a time. */
const KEPT = 10_000;

/**
 * The hash-chain status every detail view shows: one stream verified up to a revision. A stream
 * is verified once per revision (a new event, or a first look, verifies it again), so reloading a
 * detail costs no reading of its stream.
 */
@Injectable()
export class StreamChains {
  private readonly verified = new Map<string, { revision: number; result: ChainVerification }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * The stream's chain up to `revision`. `events`, when the caller has already read the stream,
   * saves reading it again.
   */
  async verify(
    streamId: string,
    revision: number,
    events?: readonly RecordedEvent[],
  ): Promise<ChainVerification> {
    const kept = this.verified.get(streamId);
    if (kept?.revision === revision) return kept.result;
    const verifier = new ChainVerifier();
    for (const event of events ?? (await this.store.readStream(streamId))) {
      if (event.revision <= revision) verifier.check(event);
    }
    const result = verifier.result();
    this.verified.delete(streamId);
    this.verified.set(streamId, { revision, result });
    if (this.verified.size > KEPT) this.verified.delete(this.verified.keys().next().value!);
    return result;
  }
}
