import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { AppConfig, loadConfig } from '../config/app-config';
import { DEMO_USERS } from '../demo/demo-data';
import { DEMO_LINKAGE_STEPS } from '../demo/demo-linkage';
import { OrganisationDirectory } from '../platform/access/actor';
import { CommandBus } from '../platform/commands/command-bus';
import { createEventStore } from '../platform/core.module';
import { requestValidationPipe } from '../platform/http/request-validation';
import { FeatureRegistry } from '../platform/kernel/feature-registry';

/**
 * Runs the demo's linkage story (`DEMO_LINKAGE_STEPS`) through the command declarations the
 * HTTP API serves: the body validated by the route's DTO, the command run by the command bus as
 * the demo user, with the step's idempotency key (a second seed replays, appending nothing).
 * Commands read the read models the earlier steps wrote, so the seed runs a projector of its
 * own, into a scratch read database: a service running on the same data keeps its read models
 * to its own projector, which takes the story's events from the log like any others.
 */
export async function seedDemoLinkage(
  config: AppConfig,
  out: (line: string) => void,
): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'legislink-seed-'));
  const seedConfig = loadConfig({
    ...process.env,
    PROCESS_ROLES: 'projector',
    SQLITE_PATH: join(scratch, 'read.sqlite'),
  });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(seedConfig, { eventStore: createEventStore(config) }),
    { logger: false },
  );
  try {
    const registry = app.get(FeatureRegistry);
    const bus = app.get(CommandBus);
    const directory = app.get(OrganisationDirectory);
    const pipe = requestValidationPipe();
    const routes = [...registry.commands.values()].map((definition) => ({
      definition,
      pattern: new RegExp(`^${definition.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
    }));
    const ids = new Map<string, string>();
    const fill = (value: unknown): unknown => {
      if (typeof value === 'string') {
        return value.replace(/\{(\w+)\}/g, (_, key: string) => {
          const id = ids.get(key);
          if (!id) throw new Error(`Demo step refers to {${key}} before it exists`);
          return id;
        });
      }
      if (Array.isArray(value)) return value.map(fill);
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
      }
      return value;
    };
    for (const step of DEMO_LINKAGE_STEPS) {
      const path = fill(step.path) as string;
      const route = routes.map((r) => ({ ...r, match: r.pattern.exec(path) })).find((r) => r.match);
      const user = DEMO_USERS.find((u) => u.userId === step.user);
      const organisation = user && (await directory.find(user.organisationId));
      if (!route?.match || !user || !organisation) {
        throw new Error(`Demo step ${step.key}: no command at ${path} or no user ${step.user}`);
      }
      const { definition } = route;
      const params = Object.fromEntries(
        Object.entries(route.match.groups ?? {}).map(([name, value]) => [
          name,
          definition.params?.[name] === 'int' ? Number(value) : value,
        ]),
      );
      const dto = (await pipe.transform(fill(step.body), {
        type: 'body',
        metatype: definition.dto,
      })) as object;
      const outcome = await bus.run(definition, dto, params, {
        actor: { userId: user.userId, userName: user.userName, roles: user.roles, organisation },
        correlationId: 'seed-demo',
        idempotencyKey: `seed-demo:linkage:${step.key}`,
      });
      if (definition.creates) ids.set(step.key, outcome.id);
      out(`${definition.name.padEnd(28)} ${step.key}  ${outcome.id}`);
    }
  } finally {
    await app.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
