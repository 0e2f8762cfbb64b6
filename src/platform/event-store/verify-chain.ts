import {
  EventStore,
  LOG_START,
  LogPosition,
  LogStart,
  StreamNotFoundError,
} from './event-store.port';
import { ChainVerification, ChainVerifier } from './hash-chain';

/** Verifies one stream's hash chain, or every stream's when no stream is named. */
export async function verifyChains(
  store: EventStore,
  streamId?: string,
  onProgress: (events: number) => void = () => undefined,
): Promise<ChainVerification> {
  const verifier = new ChainVerifier();
  if (streamId) {
    try {
      (await store.readStream(streamId)).forEach((e) => verifier.check(e));
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return verifier.result();
  }
  let from: LogPosition | LogStart = LOG_START;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ from, maxCount: 5000 });
    if (page.length === 0) return verifier.result();
    page.forEach((e) => verifier.check(e));
    events += page.length;
    onProgress(events);
    from = page[page.length - 1].position;
  }
}
