/**
 * The Kafka relay against a real broker (KAFKA_BROKERS; scripts/kafka-broker.sh starts one):
 *
 * 1. throughput: a backlog of events in the embedded store, published by a relay from scratch
 *    (events/s from the moment it leads until its checkpoint reaches the head);
 * 2. end-to-end lag: with the relay live, single events appended at a steady rate, timed from
 *    the append call to their receipt by a read-committed consumer (p50/p99/max);
 * 3. the cost to writers: single-event durable appends with the relay stopped and with it
 *    running (publishing what is appended as it goes), in alternating rounds of one run.
 *
 * Throughput and lag compare, in alternating rounds (A B B A …) of the same run, a relay that
 * commits its checkpoint in every transaction (A, as before issue 7) with today's, which commits
 * it every CHECKPOINT_INTERVAL_MS (B). The load average is printed with each round.
 *
 *   npm run bench:relay                       full run (about a minute)
 *   node dist/bench/relay.bench.js --smoke    small numbers, for CI sanity
 *
 * Scale with BENCH_BACKLOG, BENCH_LAG_EVENTS, BENCH_LAG_RATE (events/s), BENCH_AB_ROUNDS,
 * BENCH_ROUNDS and BENCH_APPENDS; databases go under BENCH_DIR (default: the OS temp dir). Every run uses topics
 * of its own. The last line printed is JSON for BENCHMARKS.md.
 */
import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NewEvent } from '../src/events/envelope';
import { SubmissionDraftedV1 } from '../src/events/submission-events';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { SqliteEventStore } from '../src/platform/event-store/sqlite-event-store';
import { FEATURES } from '../src/features';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { DEFAULT_MAX_EVENT_BYTES } from '../src/platform/integration/integration-events';
import { createKafka } from '../src/platform/integration/kafka';
import { CHECKPOINT_INTERVAL_MS, Relay } from '../src/platform/integration/relay';
import {
  describeMachine,
  envInt,
  formatMachine,
  formatMs,
  formatPercent,
  formatRate,
  formatTable,
  median,
  percentile,
} from './bench-util';

interface Settings {
  smoke: boolean;
  brokers: string;
  backlog: number;
  lagEvents: number;
  lagRate: number;
  /** A/B rounds of the throughput and lag phases. */
  abRounds: number;
  rounds: number;
  appends: number;
  dir: string;
}

function readSettings(argv: readonly string[]): Settings {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    throw new Error(
      'KAFKA_BROKERS is not set: start a broker with eval "$(scripts/kafka-broker.sh start)"',
    );
  }
  const smoke = argv.includes('--smoke');
  return {
    smoke,
    brokers,
    backlog: envInt('BENCH_BACKLOG', smoke ? 2000 : 50_000),
    lagEvents: envInt('BENCH_LAG_EVENTS', smoke ? 100 : 2000),
    lagRate: envInt('BENCH_LAG_RATE', 200),
    abRounds: envInt('BENCH_AB_ROUNDS', smoke ? 1 : 2),
    rounds: envInt('BENCH_ROUNDS', smoke ? 1 : 4),
    appends: envInt('BENCH_APPENDS', smoke ? 200 : 5000),
    dir: process.env.BENCH_DIR || tmpdir(),
  };
}

// A SubmissionDrafted of about 1 KB, as in the append benchmark; the relay leaves its text out.
const BODY =
  '根据《中华人民共和国立法法》和本省地方性法规制定条例的规定，现将《城市生活垃圾分类管理条例（草案）》' +
  '起草过程中的重大问题报告如下：一是关于分类标准，二是关于法律责任，三是关于执法主体。以上意见妥否，请审示。';

function drafted(n: number): { streamId: string; events: NewEvent[] } {
  const submissionId = randomUUID();
  const data: SubmissionDraftedV1 = {
    submissionId,
    kind: 'request',
    category: 'drafting',
    title: `关于《城市生活垃圾分类管理条例（草案）》重大问题的请示（#${n}）`,
    summary: `草案起草中的三个重大问题及处理意见 — submission ${n}`,
    body: BODY,
    documentNumber: `法工委〔2025〕${n % 1000}号`,
    classification: 'internal',
    replyRequestedBy: '2025-07-15',
    references: [],
    submittingOrganisationId: 'cn-220000-npcpg',
    addressedCommitteeId: 'cn-220000-pc',
    replacesSubmissionId: null,
  };
  const event: NewEvent = {
    eventId: randomUUID(),
    type: 'SubmissionDrafted',
    schemaVersion: 1,
    data,
    metadata: {
      occurredAt: new Date().toISOString(),
      actor: { userId: 'bench', organisationId: 'cn-220000-npc-fgw', role: 'legislature' },
      correlationId: submissionId,
      causationId: null,
    },
  };
  return { streamId: `submission-${submissionId}`, events: [event] };
}

const newPrefix = () => `bench-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}.`;

/** The two relays compared: the checkpoint in every transaction, and every interval. */
const SIDES = [
  { name: 'A: checkpoint every transaction', checkpointIntervalMs: 0 },
  { name: `B: checkpoint every ${CHECKPOINT_INTERVAL_MS} ms`, checkpointIntervalMs: undefined },
] as const;
type Side = (typeof SIDES)[number];

/** A B B A A B …: drift over the run hits both sides alike. */
function abOrder(rounds: number): Side[] {
  return Array.from({ length: rounds }, (_, r) =>
    r % 2 === 0 ? [SIDES[0], SIDES[1]] : [SIDES[1], SIDES[0]],
  ).flat();
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** One store + read database + relay factory on a fresh file, with topics of their own. */
class Bench {
  readonly store: SqliteEventStore;
  readonly read: ReadDatabase;
  private counter = 0;

  constructor(
    private readonly settings: Settings,
    dir: string,
    name: string,
  ) {
    const path = join(dir, `${name}.sqlite`);
    this.store = new SqliteEventStore(path);
    this.read = new ReadDatabase(path);
  }

  /** A relay with topics of its own (`prefix`); `checkpointIntervalMs` as in RelayOptions. */
  relay(prefix = newPrefix(), checkpointIntervalMs?: number): Relay {
    const logger = new Logger('Relay');
    const settings = {
      brokers: this.settings.brokers.split(','),
      clientId: 'legislink-bench',
      topicPrefix: prefix,
      sessionTimeoutMs: 6000,
    };
    return new Relay({
      store: this.store,
      db: this.read.db,
      kafka: createKafka(settings, logger),
      topicPrefix: prefix,
      source: 'urn:legislink:legislink-bench',
      textCategories: [],
      maxEventBytes: DEFAULT_MAX_EVENT_BYTES,
      registry: new FeatureRegistry(FEATURES),
      sessionTimeoutMs: 6000,
      logger,
      checkpointIntervalMs,
    });
  }

  /** Appends `count` single-event drafts, one durable transaction each; returns the time taken. */
  async append(
    count: number,
    onAppend?: (eventId: string, startedAt: number) => void,
  ): Promise<number> {
    const began = performance.now();
    for (let i = 0; i < count; i++) {
      const { streamId, events } = drafted(this.counter++);
      const startedAt = performance.now();
      await this.store.append(streamId, events, 'no_stream');
      onAppend?.(events[0].eventId, startedAt);
    }
    return performance.now() - began;
  }

  async head(): Promise<string> {
    const all = await this.store.readAll({ from: 'start', maxCount: Number.MAX_SAFE_INTEGER });
    return all[all.length - 1].position;
  }

  async close(): Promise<void> {
    await this.store.close();
    this.read.close();
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The backlog once, then each side's relay publishes all of it to topics of its own. */
async function throughput(settings: Settings, dir: string) {
  const bench = new Bench(settings, dir, 'throughput');
  const runs = new Map<Side, number[]>(SIDES.map((side) => [side, []]));
  try {
    await bench.append(settings.backlog);
    const head = await bench.head();
    for (const side of abOrder(settings.abRounds)) {
      const relay = bench.relay(newPrefix(), side.checkpointIntervalMs);
      const started = performance.now();
      relay.start();
      await until(() => relay.status().role === 'leader', 'the relay to lead');
      const leading = performance.now();
      await until(() => relay.status().checkpoint === head, 'the relay to catch up');
      const ms = performance.now() - leading;
      await relay.stop();
      const eventsPerSecond = (settings.backlog / ms) * 1000;
      runs.get(side)!.push(eventsPerSecond);
      console.log(
        `  throughput ${side.name}: ${formatRate(eventsPerSecond)} events/s (lease and fencing ${formatMs(leading - started)}; load ${load()})`,
      );
    }
    return SIDES.map((side) => ({
      side,
      events: settings.backlog,
      eventsPerSecond: median(runs.get(side)!),
    }));
  } finally {
    await bench.close();
  }
}

async function lag(settings: Settings, dir: string, side: Side, round: number) {
  const bench = new Bench(settings, dir, `lag-${round}-${side.checkpointIntervalMs ?? 'b'}`);
  const prefix = newPrefix();
  const kafka = new Kafka({
    clientId: 'legislink-bench-reader',
    brokers: settings.brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  // A reader tuned for latency: read_committed (KafkaJS's default), fetches wait at most 10 ms.
  const consumer = kafka.consumer({ groupId: `${prefix}reader`, maxWaitTimeInMs: 10 });
  const relay = bench.relay(prefix, side.checkpointIntervalMs);
  const appended = new Map<string, number>();
  const lags: number[] = [];
  try {
    relay.start();
    await until(() => relay.status().role === 'leader', 'the relay to lead');
    await consumer.connect();
    await consumer.subscribe({ topics: [`${prefix}submissions`] });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = message.headers?.ce_id?.toString();
        const at = id === undefined ? undefined : appended.get(id);
        if (at !== undefined && lags.length < settings.lagEvents) lags.push(performance.now() - at);
      },
    });
    await joined;
    const interval = 1000 / settings.lagRate;
    // CPU time of this process (appender, relay, reader; the broker apart), which the machine's
    // load does not inflate the way it does wall-clock lag.
    const cpu = process.cpuUsage();
    const began = performance.now();
    for (let i = 0; i < settings.lagEvents; i++) {
      const due = began + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await bench.append(1, (id, at) => appended.set(id, at));
    }
    await until(() => lags.length >= settings.lagEvents, 'every event to arrive', 60_000);
    const used = process.cpuUsage(cpu);
    return {
      cpuMsPerEvent: (used.user + used.system) / 1000 / lags.length,
      events: lags.length,
      rate: settings.lagRate,
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      max: percentile(lags, 100),
    };
  } finally {
    await consumer.disconnect();
    await relay.stop();
    await bench.close();
  }
}

/**
 * Appends with the relay off and on, each phase on a fresh database file (so neither side
 * inherits a bigger file or WAL), in ABBA order (off, on, on, off, …) so drift hits both.
 */
async function appendCost(settings: Settings, dir: string) {
  const rates = { without: [] as number[], with: [] as number[] };
  const phase = async (name: string, withRelay: boolean): Promise<number> => {
    const bench = new Bench(settings, dir, name);
    const relay = withRelay ? bench.relay() : null;
    try {
      if (relay) {
        relay.start();
        await until(() => relay.status().role === 'leader', 'the relay to lead');
      }
      const ms = await bench.append(settings.appends);
      if (relay) {
        const head = await bench.head();
        await until(() => relay.status().checkpoint === head, 'the relay to publish the phase');
      }
      return (settings.appends / ms) * 1000;
    } finally {
      await relay?.stop();
      await bench.close();
    }
  };
  await phase('warm-up', false);
  for (let round = 0; round < settings.rounds; round++) {
    const order: ('without' | 'with')[] =
      round % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
    for (const side of order) {
      const rate = await phase(`append-${round}-${side}`, side === 'with');
      rates[side].push(rate);
      console.log(`  round ${round + 1} ${side.padEnd(7)} relay: ${formatRate(rate)} appends/s`);
    }
  }
  const without = median(rates.without);
  const withRelay = median(rates.with);
  return {
    appends: settings.appends,
    rounds: settings.rounds,
    without,
    with: withRelay,
    ratio: withRelay / without,
  };
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  Logger.overrideLogger(['error']);
  const dir = mkdtempSync(join(settings.dir, 'legislink-relay-bench-'));
  const machine = describeMachine(dir);
  const admin = createKafka(
    {
      brokers: settings.brokers.split(','),
      clientId: 'legislink-bench',
      topicPrefix: '',
      sessionTimeoutMs: 6000,
    },
    new Logger('Kafka'),
  ).admin();
  await admin.connect();
  const cluster = await admin.describeCluster();
  await admin.disconnect();
  const broker = `${settings.brokers} (cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s))`;

  console.log(`Legislink relay benchmark${settings.smoke ? ' (smoke)' : ''}`);
  console.log(formatMachine(machine));
  console.log(`Kafka: ${broker}`);
  console.log(
    'Relay: transactional idempotent producer, acks=all, maxInFlightRequests=1; store batches of up to 1,000 events',
  );
  console.log('Events: SubmissionDrafted of about 1 KB stored, published without text');
  console.log(
    'Lag reader: KafkaJS consumer, read_committed, maxWaitTimeInMs 10, in this process\n',
  );
  try {
    console.log(`Throughput, ${formatRate(settings.backlog)}-event backlog:`);
    const published = await throughput(settings, dir);
    console.log(
      `Lag append→consumer at ${settings.lagRate} events/s, ${settings.lagEvents} events:`,
    );
    const lags = new Map<Side, Awaited<ReturnType<typeof lag>>[]>(SIDES.map((side) => [side, []]));
    let round = 0;
    for (const side of abOrder(settings.abRounds)) {
      const latency = await lag(settings, dir, side, round++);
      lags.get(side)!.push(latency);
      console.log(
        `  lag ${side.name}: p50 ${formatMs(latency.p50)}, p99 ${formatMs(latency.p99)}, max ${formatMs(latency.max)}; CPU ${latency.cpuMsPerEvent.toFixed(2)} ms/event (load ${load()})`,
      );
    }
    // Each side's figure: the median over its rounds.
    const latencies = SIDES.map((side) => {
      const runs = lags.get(side)!;
      return {
        side,
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        max: Math.max(...runs.map((r) => r.max)),
        cpuMsPerEvent: median(runs.map((r) => r.cpuMsPerEvent)),
      };
    });
    console.log('Appends, one durable transaction each (relay B):');
    const cost = await appendCost(settings, dir);
    const [a, b] = [0, 1].map((i) => ({ published: published[i], latency: latencies[i] }));
    console.log(
      `\n${formatTable(
        ['figure', 'A (checkpoint every transaction)', `B (every ${CHECKPOINT_INTERVAL_MS} ms)`],
        [
          [
            'relay throughput (events/s)',
            formatRate(a.published.eventsPerSecond),
            formatRate(b.published.eventsPerSecond),
          ],
          [
            'lag p50 / p99',
            `${formatMs(a.latency.p50)} / ${formatMs(a.latency.p99)}`,
            `${formatMs(b.latency.p50)} / ${formatMs(b.latency.p99)}`,
          ],
          [
            `process CPU per event at ${settings.lagRate}/s (ms)`,
            a.latency.cpuMsPerEvent.toFixed(2),
            b.latency.cpuMsPerEvent.toFixed(2),
          ],
        ],
      )}\n\n${formatTable(
        ['figure', 'value'],
        [
          ['appends/s without relay', formatRate(cost.without)],
          ['appends/s with relay', formatRate(cost.with)],
          ['with / without', formatPercent(cost.ratio)],
        ],
      )}\n`,
    );
    console.log(
      JSON.stringify({
        bench: 'relay',
        date: new Date().toISOString(),
        smoke: settings.smoke,
        machine,
        broker,
        loadAverage: loadavg(),
        abRounds: settings.abRounds,
        sides: [a, b].map(({ published: p, latency: l }) => ({
          side: p.side.name,
          throughput: { events: p.events, eventsPerSecond: Math.round(p.eventsPerSecond) },
          lag: {
            events: settings.lagEvents,
            rate: settings.lagRate,
            p50Ms: Number(l.p50.toFixed(1)),
            p99Ms: Number(l.p99.toFixed(1)),
            maxMs: Number(l.max.toFixed(1)),
            cpuMsPerEvent: Number(l.cpuMsPerEvent.toFixed(3)),
          },
        })),
        appends: {
          perRound: cost.appends,
          rounds: cost.rounds,
          withoutRelayPerSecond: Math.round(cost.without),
          withRelayPerSecond: Math.round(cost.with),
          ratio: Number(cost.ratio.toFixed(3)),
        },
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
