import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppConfig, ConfigurationError, loadConfig } from '../config/app-config';
import { ROLES, Role } from '../events/envelope';
import { localJwtSecret, signToken } from '../platform/access/token-verifier';
import { EventStore } from '../platform/event-store/event-store.port';
import { ReadDatabase } from '../platform/event-store/read-database';
import { loadHeadSigningKey } from '../platform/event-store/head-signing-key';
import { SignedLogHead } from '../platform/event-store/log-head';
import { LogHeadStore } from '../platform/event-store/log-head-store';
import {
  StoreVerification,
  TamperProblem,
  verifyStore,
} from '../platform/event-store/verify-store';
import {
  bootstrapAdmin,
  registerOrganisation,
} from '../modules/organisations/register-organisation';
import { SystemClock } from '../platform/kernel/clock';
import { CommandHandler } from '../platform/commands/command-handler';
import { createEventStore } from '../platform/core.module';
import { FeatureRegistry } from '../platform/kernel/feature-registry';
import { ProjectionRunner } from '../platform/projections/projection-runner';
import { FEATURES } from '../features';
import { DEMO_ORGANISATIONS, DEMO_USERS, OPERATOR_ID } from '../demo/demo-data';
import { seedDemoLinkage } from './seed-demo-linkage';

const USAGE = `Usage: node dist/src/cli/cli.js <command>
  seed-demo                      register the demo organisations and print tokens for demo users
  seed-demo-linkage              record the demo linkage story through the commands (decisions,
                                 a plan, items, links, submissions, a proposal); after seed-demo
  token --user ID --org ORG --roles r1,r2 [--name NAME]
                                 print an HS256 token for the embedded default
  verify [--stream STREAM_ID] [--head HEAD_JSON]
                                 verify the hash chains and the signed log heads (and a head kept
                                 elsewhere, as GET /api/event-store/head gave it); exit 1 naming
                                 the first problem
  rebuild [PROJECTION|all]       empty a projection and replay the log into it (stop the service first)`;

const out = (line: string) => process.stdout.write(`${line}\n`);

async function withStore<T>(
  config: AppConfig,
  work: (store: EventStore) => Promise<T>,
): Promise<T> {
  const store = createEventStore(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function verifyAgainstHeads(
  config: AppConfig,
  store: EventStore,
  streamId: string | undefined,
  headFile: string | undefined,
): Promise<StoreVerification> {
  const read = new ReadDatabase(config.SQLITE_PATH);
  try {
    return await verifyStore(store, {
      streamId,
      heads: new LogHeadStore(read.db),
      trustedKeyId: loadHeadSigningKey(config.SIGNING_KEY_FILE, config.SQLITE_PATH).keyId,
      externalHead: headFile
        ? (JSON.parse(readFileSync(headFile, 'utf8')) as SignedLogHead)
        : undefined,
      onProgress: (n) => process.stderr.write(`\rverified ${n} events`),
    });
  } finally {
    read.close();
  }
}

/** One line for the operator: the kind of problem, where, and what was found. */
function describeProblem(problem: TamperProblem): string {
  const where = [
    problem.streamId && `stream ${problem.streamId}`,
    problem.revision !== undefined && `revision ${problem.revision}`,
    problem.position && `position ${problem.position}`,
  ].filter(Boolean);
  return `${problem.kind}: ${where.join(', ')}: ${problem.detail}`;
}

async function tokenFor(config: AppConfig, user: (typeof DEMO_USERS)[number]): Promise<string> {
  if (config.OIDC_JWKS_URL || config.OIDC_ISSUER)
    throw new Error('Tokens come from the OIDC provider when OIDC_JWKS_URL or OIDC_ISSUER is set');
  const secret = localJwtSecret(config.JWT_SECRET, config.SQLITE_PATH);
  return signToken(user, secret, config.JWT_ISSUER, config.JWT_AUDIENCE);
}

async function seedDemo(config: AppConfig): Promise<void> {
  await withStore(config, async (store) => {
    const clock = new SystemClock();
    const commands = new CommandHandler(store, clock, new FeatureRegistry(FEATURES).catalogue);
    const actor = bootstrapAdmin(DEMO_ORGANISATIONS[0], 'seed-demo');
    for (const organisation of DEMO_ORGANISATIONS) {
      // The key makes a second run recognise its own events and register nothing twice.
      const result = await registerOrganisation(
        commands,
        organisation,
        {
          actor,
          correlationId: 'seed-demo',
          idempotencyKey: `seed-demo:${organisation.organisationId}`,
        },
        clock.now(),
      );
      out(
        `${result.replayed ? 'already registered' : 'registered'}  ${organisation.organisationId}  ${organisation.nameZh}`,
      );
    }
  });
  out('');
  if (config.OIDC_JWKS_URL || config.OIDC_ISSUER) {
    // The demo users' tokens would be signed locally, which the service does not accept then.
    out('OIDC is configured: users sign in at the provider, so no demo tokens are printed.');
    return;
  }
  out(`Demo users (tokens valid 30 days; operator organisation ${OPERATOR_ID}):`);
  for (const user of DEMO_USERS) {
    out(`\n# ${user.userId} — ${user.userName} — ${user.roles.join(',')} @ ${user.organisationId}`);
    out(
      `export TOKEN_${user.userId.toUpperCase().replace(/-/g, '_')}=${await tokenFor(config, user)}`,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'seed-demo':
      await seedDemo(config);
      return 0;
    case 'seed-demo-linkage':
      out('Linkage story (decisions, plan, items, links, submissions, a proposal):');
      await seedDemoLinkage(config, out);
      return 0;
    case 'token': {
      const { values } = parseArgs({
        args: rest,
        options: {
          user: { type: 'string' },
          org: { type: 'string' },
          roles: { type: 'string' },
          name: { type: 'string' },
        },
      });
      const roles = (values.roles ?? '').split(',').filter(Boolean) as Role[];
      if (
        !values.user ||
        !values.org ||
        roles.length === 0 ||
        roles.some((r) => !ROLES.includes(r))
      ) {
        throw new ConfigurationError(
          `token needs --user, --org and --roles from ${ROLES.join(',')}`,
        );
      }
      out(
        await tokenFor(config, {
          userId: values.user,
          userName: values.name ?? values.user,
          organisationId: values.org,
          roles,
        }),
      );
      return 0;
    }
    case 'verify': {
      const { values } = parseArgs({
        args: rest,
        options: { stream: { type: 'string' }, head: { type: 'string' } },
      });
      const result = await withStore(config, (store) =>
        verifyAgainstHeads(config, store, values.stream, values.head),
      );
      process.stderr.write('\n');
      out(JSON.stringify(result, null, 2));
      if (result.firstProblem) process.stderr.write(`${describeProblem(result.firstProblem)}\n`);
      return result.valid ? 0 : 1;
    }
    case 'rebuild': {
      const wanted = rest[0] ?? 'all';
      await withStore(config, async (store) => {
        const read = new ReadDatabase(config.SQLITE_PATH);
        try {
          const registry = new FeatureRegistry(FEATURES);
          const runner = new ProjectionRunner(
            store,
            read.db,
            registry.projections,
            registry.catalogue,
          );
          const names = wanted === 'all' ? registry.projections.map((p) => p.name) : [wanted];
          for (const name of names) {
            const started = Date.now();
            const done = await runner.rebuild(name, (p) =>
              process.stderr.write(`\r${p.projection}: ${p.events} events`),
            );
            const seconds = (Date.now() - started) / 1000;
            process.stderr.write('\n');
            out(
              `${name}: rebuilt from ${done.events} events in ${seconds.toFixed(1)} s (${Math.round(done.events / Math.max(seconds, 0.001))} events/s)`,
            );
          }
        } finally {
          read.close();
        }
      });
      return 0;
    }
    default:
      out(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigurationError ? 2 : 1);
  },
);
