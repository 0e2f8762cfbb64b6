import { EVENT_STORE, EventStore } from '../../src/platform/event-store/event-store.port';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner';
import { TestApp } from './test-app';

/**
 * Commands wait for their own read models only: lets the named projections catch up with the
 * last event of each stream.
 */
export async function settle(
  t: TestApp,
  projections: readonly string[],
  ...streamIds: string[]
): Promise<void> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  for (const streamId of streamIds) {
    const events = await store.readStream(streamId);
    const last = events[events.length - 1].position;
    if (!(await t.app.get(ProjectionRunner).waitFor(last, 10_000, projections))) {
      throw new Error(`${projections.join(', ')} did not catch up with ${streamId}`);
    }
  }
}
