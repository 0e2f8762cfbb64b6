import { EsdbEventStore } from '../src/platform/event-store/esdb-event-store';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The shared contract against a real EventStoreDB (22.10 or later), e.g.
 * `EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npx jest test/esdb`.
 * Streams get unique names, so a server holding other data is fine.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(
    'EventStoreDB',
    async () =>
      new EsdbEventStore(connectionString, {
        resubscribeMinBackoffMs: 50,
        resubscribeMaxBackoffMs: 1000,
      }),
  );
} else {
  console.warn(
    'EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is unset ' +
      '(e.g. esdb://localhost:2113?tls=false).',
  );
  describe.skip('EventStore contract: EventStoreDB (needs EVENTSTORE_CONNECTION_STRING)', () => {
    it('runs the shared contract against a real EventStoreDB server', () => undefined);
  });
}
