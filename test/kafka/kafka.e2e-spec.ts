import { inboundCases } from './inbound.cases';
import { leaseCases } from './lease.cases';
import { limitsCases } from './limits.cases';
import { notificationCases } from './notifications.cases';
import { relayCases } from './relay.cases';
import { resilienceCases } from './resilience.cases';

/**
 * The Kafka suite runs against a real broker named by KAFKA_BROKERS (scripts/kafka-broker.sh
 * starts one); without it, it is skipped, saying so once.
 */
const brokers = process.env.KAFKA_BROKERS;

if (brokers) {
  relayCases(brokers);
  leaseCases(brokers);
  limitsCases(brokers);
  inboundCases(brokers);
  resilienceCases(brokers);
  notificationCases(brokers);
} else {
  console.warn(
    'Kafka tests SKIPPED: KAFKA_BROKERS is not set. Run them against a local broker with\n' +
      '  eval "$(scripts/kafka-broker.sh start)" && npx jest test/kafka\n' +
      '(KAFKA_BROKER_CONTROL=1 also runs the broker-restart test; scripts/kafka-broker.sh stop afterwards).',
  );
  describe.skip('Kafka integration (KAFKA_BROKERS is not set)', () => {
    it('runs against a real broker', () => undefined);
  });
}
