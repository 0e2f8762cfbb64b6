import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OrganisationDirectory } from '../modules/organisations/organisation-directory';
import { TokenVerifier, localJwtSecret } from './access/token-verifier';
import { EsdbEventStore } from './event-store/esdb-event-store';
import { EVENT_STORE, EventStore } from './event-store/event-store.port';
import { ReadDatabase } from './event-store/read-database';
import { SqliteEventStore } from './event-store/sqlite-event-store';
import { ALL_PROJECTIONS } from '../projections';
import { ProjectionRunner } from './projections/projection-runner';
import { Clock, SystemClock } from './clock';
import { CommandHandler } from './command-handler';

export function createEventStore(config: AppConfig): EventStore {
  if (config.EVENTSTORE_CONNECTION_STRING) {
    const logger = new Logger('EventStoreDB');
    return new EsdbEventStore(config.EVENTSTORE_CONNECTION_STRING, {
      logger: { warn: (message, context) => logger.warn({ msg: message, ...context }) },
    });
  }
  return new SqliteEventStore(config.SQLITE_PATH);
}

/** Starts the projector when this process has that role, and closes stores on shutdown. */
@Injectable()
class CoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Core');

  constructor(
    private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly read: ReadDatabase,
    private readonly projections: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log(`Event store: ${this.store.describe()}`);
    if (this.config.has('projector')) this.projections.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projections.stop();
    await this.store.close();
    this.read.close();
  }
}

export interface CoreOverrides {
  clock?: Clock;
  eventStore?: EventStore;
}

/** The shared services every module uses: configuration, clock, stores, commands, identity. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, overrides: CoreOverrides = {}): DynamicModule {
    const logger = new Logger('Projections');
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: overrides.clock ?? new SystemClock() },
        {
          provide: EVENT_STORE,
          useFactory: () => overrides.eventStore ?? createEventStore(config),
        },
        { provide: ReadDatabase, useFactory: () => new ReadDatabase(config.SQLITE_PATH) },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, ReadDatabase],
          useFactory: (store: EventStore, read: ReadDatabase) =>
            new ProjectionRunner(store, read.db, ALL_PROJECTIONS, (name, error) =>
              logger.error({ msg: `Projection ${name} stopped`, err: error }),
            ),
        },
        {
          provide: CommandHandler,
          inject: [EVENT_STORE, Clock],
          useFactory: (store: EventStore, clock: Clock) => new CommandHandler(store, clock),
        },
        {
          provide: OrganisationDirectory,
          inject: [CommandHandler],
          useFactory: (commands: CommandHandler) => new OrganisationDirectory(commands),
        },
        {
          provide: TokenVerifier,
          useFactory: () =>
            new TokenVerifier({
              secret: config.OIDC_JWKS_URL
                ? undefined
                : localJwtSecret(config.JWT_SECRET, config.SQLITE_PATH),
              jwksUrl: config.OIDC_JWKS_URL,
              issuer: config.JWT_ISSUER,
              audience: config.JWT_AUDIENCE,
            }),
        },
        CoreLifecycle,
      ],
      exports: [
        AppConfig,
        Clock,
        EVENT_STORE,
        ReadDatabase,
        ProjectionRunner,
        CommandHandler,
        OrganisationDirectory,
        TokenVerifier,
      ],
    };
  }
}
