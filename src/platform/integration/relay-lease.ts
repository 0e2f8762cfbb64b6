/**
 * The relay's lease: every relay joins one consumer group on a single-partition topic, and the
 * member assigned partition 0 is the leader. Kafka's group coordinator does the election and
 * notices dead members (session timeout); no messages are ever written to the topic.
 *
 * The group alone cannot stop a paused or partitioned ex-leader from publishing after it lost
 * the lease; the relay's transactional producer does (see relay.ts): every leader initialises the
 * same transactional id, which fences the previous one at the broker.
 */
import { Logger } from '@nestjs/common';
import { AssignerProtocol, Consumer, Kafka, PartitionAssigner } from 'kafkajs';
import { ResilientConsumer, groupTimings } from './kafka';

const ASSIGNER = 'LegislinkRelayLease';
const LEASE_PARTITION = 0;
/** Member userData of the current holder, so the lease stays put when another relay joins. */
const HOLDING = Buffer.from('holding');
const NOT_HOLDING = Buffer.alloc(0);

export interface LeaseCandidate {
  memberId: string;
  holding: boolean;
}

/** The member that gets the lease: the one that already holds it, else the lowest member id. */
export function chooseLeaseHolder(members: readonly LeaseCandidate[]): string | null {
  const sorted = [...members].sort((a, b) => a.memberId.localeCompare(b.memberId));
  return (sorted.find((m) => m.holding) ?? sorted[0])?.memberId ?? null;
}

/** A sticky assigner: without it a newcomer with a lower member id would take the lease over. */
export function leaseAssigner(isHolding: () => boolean): PartitionAssigner {
  return () => ({
    name: ASSIGNER,
    version: 1,
    async assign({ members, topics }) {
      const holder = chooseLeaseHolder(
        members.map((m) => ({
          memberId: m.memberId,
          holding:
            AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.userData.equals(HOLDING) ??
            false,
        })),
      );
      return members.map(({ memberId }) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment:
            memberId === holder
              ? Object.fromEntries(topics.map((t) => [t, [LEASE_PARTITION]]))
              : {},
          userData: NOT_HOLDING,
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: ASSIGNER,
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics,
          userData: isHolding() ? HOLDING : NOT_HOLDING,
        }),
      };
    },
  });
}

export interface RelayLeaseOptions {
  topic: string;
  groupId: string;
  sessionTimeoutMs: number;
}

export class RelayLease {
  /** The last assignment gave us the partition. */
  private holding = false;
  /** A rebalance is under way: the lease may be moving, so nobody should rely on it. */
  private rebalancing = false;
  private readonly consumer: ResilientConsumer;

  constructor(
    kafka: Kafka,
    options: RelayLeaseOptions,
    logger: Logger,
    private readonly onChange: () => void,
  ) {
    this.consumer = new ResilientConsumer(
      'Relay lease',
      logger,
      () => {
        const consumer = kafka.consumer({
          groupId: options.groupId,
          ...groupTimings(options.sessionTimeoutMs),
          partitionAssigners: [leaseAssigner(() => this.holding)],
        });
        this.listen(consumer, options.topic);
        return consumer;
      },
      async (consumer) => {
        await consumer.subscribe({ topics: [options.topic] });
        await consumer.run({ eachMessage: async () => undefined });
      },
    );
  }

  /** True while this instance holds the lease and no rebalance is moving it. */
  get held(): boolean {
    return this.holding && !this.rebalancing;
  }

  start(): void {
    this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
    this.update(false, false);
  }

  private listen(consumer: Consumer, topic: string): void {
    const { GROUP_JOIN, REBALANCING, CRASH, STOP } = consumer.events;
    consumer.on(GROUP_JOIN, (event) => {
      const partitions = event.payload.memberAssignment[topic] ?? [];
      this.update(partitions.includes(LEASE_PARTITION), false);
    });
    // Emitted before KafkaJS rejoins: the leader stops publishing now, and the fencing of its
    // producer covers the moments before the relay has noticed.
    consumer.on(REBALANCING, () => this.update(this.holding, true));
    consumer.on(CRASH, () => this.update(false, false));
    consumer.on(STOP, () => this.update(false, false));
  }

  private update(holding: boolean, rebalancing: boolean): void {
    const before = this.held;
    this.holding = holding;
    this.rebalancing = rebalancing;
    if (before !== this.held) this.onChange();
  }
}
