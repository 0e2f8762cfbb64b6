import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { OrganisationDirectory } from '../access/actor';
import { CommandBus } from '../commands/command-bus';
import { CommandHandler } from '../commands/command-handler';
import { FeatureRegistry } from '../kernel/feature-registry';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { ReadDatabase } from '../event-store/read-database';
import { ReadinessCheck } from '../kernel/readiness';
import { InboundCommandProcessor } from './inbound-commands';
import { InboundConsumer, InboundStatus } from './inbound-consumer';
import { KafkaSettings, createKafka, kafkaSettings, probeBroker } from './kafka';
import { Relay, RelayLag, RelayStatus } from './relay';

export interface IntegrationStatus {
  kafka: { brokers: string[]; topicPrefix: string } | null;
  relay: (RelayStatus & { lag: RelayLag }) | null;
  inbound: InboundStatus | null;
}

/**
 * Runs the relay and the inbound consumer in the processes that have those roles, when Kafka is
 * configured, and reports on them and on the broker for readiness.
 */
@Injectable()
export class Integration implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Integration');
  private readonly settings: KafkaSettings | null;
  readonly relay: Relay | null = null;
  readonly inbound: InboundConsumer | null = null;

  constructor(
    private readonly config: AppConfig,
    @Inject(EVENT_STORE) store: EventStore,
    read: ReadDatabase,
    registry: FeatureRegistry,
    commands: CommandBus,
    directory: OrganisationDirectory,
    handler: CommandHandler,
  ) {
    this.settings = kafkaSettings(config);
    if (!this.settings) return;
    const kafka = createKafka(this.settings, new Logger('Kafka'));
    const { topicPrefix, sessionTimeoutMs } = this.settings;
    if (config.has('relay')) {
      this.relay = new Relay({
        store,
        db: read.db,
        kafka,
        topicPrefix,
        source: config.SERVICE_IDENTITY,
        textCategories: config.INTEGRATION_TEXT_CATEGORIES,
        maxEventBytes: config.INTEGRATION_MAX_EVENT_BYTES,
        registry,
        sessionTimeoutMs,
        logger: new Logger('Relay'),
      });
    }
    if (config.has('inbound')) {
      this.inbound = new InboundConsumer({
        kafka,
        topicPrefix,
        sessionTimeoutMs,
        processor: new InboundCommandProcessor(
          registry,
          commands,
          directory,
          config.INBOUND_SERVICE_IDENTITIES,
          { topicPrefix, textCategories: config.INTEGRATION_TEXT_CATEGORIES, states: handler },
        ),
        source: config.SERVICE_IDENTITY,
        logger: new Logger('Inbound'),
      });
    }
  }

  onApplicationBootstrap(): void {
    const kafkaRoles = (['relay', 'inbound'] as const).filter((role) => this.config.has(role));
    if (!this.settings) {
      if (kafkaRoles.length > 0) {
        this.logger.log(
          `Kafka is not configured (KAFKA_BROKERS is unset): roles ${kafkaRoles.join(', ')} do not run`,
        );
      }
      return;
    }
    this.logger.log(
      `Kafka ${this.settings.brokers.join(',')}, topics ${this.settings.topicPrefix}*; starting ${
        kafkaRoles.join(', ') || 'no Kafka role'
      }`,
    );
    this.relay?.start();
    this.inbound?.start();
  }

  /** Before the core closes the stores: the relay may be writing its checkpoint. */
  async onModuleDestroy(): Promise<void> {
    await this.inbound?.stop();
    await this.relay?.stop();
  }

  async status(): Promise<IntegrationStatus> {
    return {
      kafka: this.settings
        ? { brokers: this.settings.brokers, topicPrefix: this.settings.topicPrefix }
        : null,
      relay: this.relay ? { ...this.relay.status(), lag: await this.relay.lag() } : null,
      inbound: this.inbound?.status() ?? null,
    };
  }

  /** The broker, the relay and the inbound consumer, as far as this process has them. */
  readinessChecks(): ReadinessCheck[] {
    const checks: ReadinessCheck[] = [];
    const settings = this.settings;
    if (settings) checks.push({ name: 'kafka', probe: () => probeBroker(settings) });
    const relay = this.relay;
    if (relay) {
      checks.push({
        name: 'relay',
        probe: async () => {
          const status = relay.status();
          if (status.failing) throw new Error(`publishing fails: ${status.failing}`);
          const lag = await relay.lag();
          return `${status.role}, checkpoint ${status.checkpoint}, ${lag.events}${lag.capped ? '+' : ''} event(s) to publish`;
        },
      });
    }
    const inbound = this.inbound;
    if (inbound) {
      checks.push({
        name: 'inbound',
        probe: async () => {
          const status = inbound.status();
          if (status.retrying) throw new Error(`a command keeps failing: ${status.retrying}`);
          return `${status.accepted} accepted, ${status.deadLettered} dead-lettered, ${status.replied} replied, ${status.replyFailures} repl${status.replyFailures === 1 ? 'y' : 'ies'} not sent (${status.repliesParked} parked)`;
        },
      });
    }
    return checks;
  }
}
