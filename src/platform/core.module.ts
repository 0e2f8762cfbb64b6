import { SignInConfigController } from './access/sign-in-config.controller';
import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { TokenVerifier, localJwtSecret } from './access/token-verifier';
import { Clock, SystemClock } from './kernel/clock';
import { CommandBus } from './commands/command-bus';
import { CommandHandler } from './commands/command-handler';
import { EsdbEventStore } from './event-store/esdb-event-store';
import { SqliteEventStore } from './event-store/sqlite-event-store';
import { EVENT_STORE, EventStore } from './event-store/event-store.port';
import { ReadDatabase } from './event-store/read-database';
import { StreamChains } from './event-store/stream-chains';
import { LogCalendar } from './http/as-of';
import { Feature } from './kernel/feature';
import { AnyCommand } from './kernel/feature';
import { FeatureRegistry } from './kernel/feature-registry';
import { commandController, pascal } from './http/command-routes';
import { IdempotentCommands } from './http/idempotent-commands';
import { labelsController } from './http/labels';
import { ProjectionRunner } from './projections/projection-runner';

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

/** One Nest module per feature: its generated command routes, query controllers, services. */
function featureModule(feature: Feature, registry: FeatureRegistry): DynamicModule {
  const module = class {};
  Object.defineProperty(module, 'name', { value: `${pascal(feature.name)}FeatureModule` });
  const commands = [...registry.commands.values()].filter((c) =>
    (feature.commands as unknown as AnyCommand[]).includes(c),
  );
  const environment = feature.environment ? [feature.environment] : [];
  return {
    module,
    global: true,
    imports: feature.imports ?? [],
    controllers: [commandController(feature, commands), ...(feature.controllers ?? [])],
    providers: [...(feature.providers ?? []), ...environment],
    exports: [...(feature.exports ?? []), ...environment],
  };
}

/**
 * The platform every feature runs on: configuration, clock, stores, the feature registry,
 * commands, projections and identity; and the features themselves, each as its own module.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(
    config: AppConfig,
    features: readonly Feature[],
    overrides: CoreOverrides = {},
  ): DynamicModule {
    const registry = new FeatureRegistry(features);
    const logger = new Logger('Projections');
    const environmentOf = (moduleRef: ModuleRef) => {
      const byCommand = new Map<AnyCommand, Type<unknown> | undefined>();
      for (const feature of features) {
        for (const command of feature.commands as unknown as AnyCommand[]) {
          byCommand.set(command, feature.environment);
        }
      }
      return (command: AnyCommand) => {
        const type = byCommand.get(command);
        return type ? moduleRef.get(type, { strict: false }) : undefined;
      };
    };
    return {
      module: CoreModule,
      imports: features.map((feature) => featureModule(feature, registry)),
      controllers: [labelsController(registry), SignInConfigController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: FeatureRegistry, useValue: registry },
        { provide: Clock, useValue: overrides.clock ?? new SystemClock() },
        {
          provide: EVENT_STORE,
          useFactory: () => overrides.eventStore ?? createEventStore(config),
        },
        { provide: ReadDatabase, useFactory: () => new ReadDatabase(config.SQLITE_PATH) },
        StreamChains,
        LogCalendar,
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, ReadDatabase],
          useFactory: (store: EventStore, read: ReadDatabase) =>
            new ProjectionRunner(store, read.db, registry.projections, registry.catalogue, {
              info: (message) => logger.log(message),
              error: (message, error) => logger.error({ msg: message, err: error }),
            }),
        },
        {
          provide: CommandHandler,
          inject: [EVENT_STORE, Clock],
          useFactory: (store: EventStore, clock: Clock) =>
            new CommandHandler(store, clock, registry.catalogue, {
              retryDeadlineMs: config.COMMAND_RETRY_DEADLINE_MS,
            }),
        },
        {
          provide: CommandBus,
          inject: [CommandHandler, ProjectionRunner, Clock, ModuleRef],
          useFactory: (
            handler: CommandHandler,
            projections: ProjectionRunner,
            clock: Clock,
            moduleRef: ModuleRef,
          ) =>
            new CommandBus(
              handler,
              projections,
              clock,
              environmentOf(moduleRef),
              config.READ_YOUR_WRITES_TIMEOUT_MS,
            ),
        },
        {
          provide: TokenVerifier,
          useFactory: () =>
            new TokenVerifier({
              secret:
                config.OIDC_JWKS_URL || config.OIDC_ISSUER
                  ? undefined
                  : localJwtSecret(config.JWT_SECRET, config.SQLITE_PATH),
              jwksUrl: config.OIDC_JWKS_URL,
              discoveryIssuer: config.OIDC_ISSUER,
              // An OIDC provider's tokens carry its issuer URL.
              issuer: config.OIDC_ISSUER ?? config.JWT_ISSUER,
              audience: config.JWT_AUDIENCE,
              claims: {
                organisation: config.OIDC_ORGANISATION_CLAIM,
                roles: config.OIDC_ROLES_CLAIM,
                name: config.OIDC_NAME_CLAIM,
              },
            }),
        },
        CoreLifecycle,
        IdempotentCommands,
      ],
      exports: [
        AppConfig,
        FeatureRegistry,
        Clock,
        EVENT_STORE,
        ReadDatabase,
        StreamChains,
        LogCalendar,
        ProjectionRunner,
        CommandHandler,
        CommandBus,
        TokenVerifier,
        IdempotentCommands,
      ],
    };
  }
}
