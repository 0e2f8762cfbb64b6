// A one-off probe from the speed work of issue 7 (BENCHMARKS.md, 2026-11-23 evening), kept to
// reproduce its figures; not part of the build. Live projection cost against a given build:
//   npm run build && N=1000 node bench/probes/projection-probe.js "$PWD/dist"
// (the second argument of each run is a dist/ folder: run two builds alternately).

// Live projection cost: commands-like appends (one history step at a time per submission, 20 in
// parallel), each waiting for the submissions read model; process CPU per event.
const dist = process.argv[2];
const { randomUUID } = require('node:crypto');
const fs = require('node:fs'),
  os = require('node:os'),
  path = require('node:path');
const src = fs.readFileSync(__dirname + '/../../dist/bench/projection-rebuild.bench.js', 'utf8');
const body = src.slice(src.indexOf('const metadata'), src.indexOf('async function main'));
const history = new Function('node_crypto_1', body + '; return history;')({ randomUUID });
const { SqliteEventStore } = require(dist + '/src/platform/event-store/sqlite-event-store');
const { ReadDatabase } = require(dist + '/src/platform/event-store/read-database');
const { FeatureRegistry } = require(dist + '/src/platform/kernel/feature-registry');
const { FEATURES } = require(dist + '/src/features');
const { ProjectionRunner } = require(dist + '/src/platform/projections/projection-runner');
(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speed-projprobe-'));
  const file = path.join(dir, 'l.sqlite');
  const store = new SqliteEventStore(file);
  const read = new ReadDatabase(file);
  const registry = new FeatureRegistry(FEATURES);
  const runner = new ProjectionRunner(store, read.db, registry.projections, registry.catalogue);
  runner.start();
  const SUBMISSIONS = Number(process.env.N || 1200),
    PAR = 20;
  let next = 0,
    events = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PAR }, async () => {
      while (next < SUBMISSIONS) {
        next++;
        const id = randomUUID();
        const h = history(id);
        for (let i = 0; i < h.length; i++) {
          const r = await store.append(`submission-${id}`, [h[i]], i === 0 ? 'no_stream' : i - 1);
          await runner.waitFor(r.position, 2000, ['submissions']);
          events++;
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  await runner.stop();
  read.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      dist,
      events,
      cpuMicrosPerEvent: (cpu.user + cpu.system) / events,
      eventsPerSecond: events / (wall / 1000),
    }),
  );
})();
