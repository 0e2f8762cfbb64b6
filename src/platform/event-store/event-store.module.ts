import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { EventStoreController } from './event-store.controller';
import { EVENT_STORE, EventStore } from './event-store.port';
import { HeadSigningKey, loadHeadSigningKey } from './head-signing-key';
import { LogHeadSigner } from './log-head-signer';
import { LogHeadStore } from './log-head-store';
import { ReadDatabase } from './read-database';

/**
 * Signs log heads in the process with the projector role: like projections, exactly one process
 * per deployment follows the whole log, and two signers would store heads over each other.
 */
@Injectable()
class LogHeadLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LogHeads');

  constructor(
    private readonly config: AppConfig,
    private readonly signer: LogHeadSigner,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.has('projector')) return;
    try {
      this.signer.start();
    } catch (error) {
      // The API stays up to serve the last good head; verification names what is wrong.
      this.logger.error({ msg: 'Log head signing did not start', err: error });
    }
  }

  // Before the store and the read database close, so the last events still get a head.
  async beforeApplicationShutdown(): Promise<void> {
    await this.signer.stop();
  }
}

@Module({
  controllers: [EventStoreController],
  providers: [
    {
      provide: HeadSigningKey,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        loadHeadSigningKey(config.SIGNING_KEY_FILE, config.SQLITE_PATH),
    },
    {
      provide: LogHeadStore,
      inject: [ReadDatabase],
      useFactory: (read: ReadDatabase) => new LogHeadStore(read.db),
    },
    {
      provide: LogHeadSigner,
      inject: [EVENT_STORE, LogHeadStore, HeadSigningKey, AppConfig],
      useFactory: (
        store: EventStore,
        heads: LogHeadStore,
        key: HeadSigningKey,
        config: AppConfig,
      ) => {
        const logger = new Logger('LogHeads');
        return new LogHeadSigner(
          store,
          heads,
          key,
          { everyEvents: config.LOG_HEAD_EVERY_EVENTS, intervalMs: config.LOG_HEAD_INTERVAL_MS },
          (error) => logger.error({ msg: 'Log head signing stopped', err: error }),
        );
      },
    },
    LogHeadLifecycle,
  ],
})
export class EventStoreModule {}
