// A one-off probe from the counters work of issue 8 (BENCHMARKS.md), kept to reproduce its
// figures; not part of the build. The linkage projection's rebuild by two builds in turn
// (A B B A), each beside the log-read floor of the same round, on a log that
// `BENCH_KEEP=1 npm run bench:linkage` kept; each rebuild goes into a fresh read database:
//   node bench/probes/linkage-rebuild-probe.js /path/to/old/dist "$PWD/dist" /tmp/…/legislink.sqlite
const [distA, distB, file] = process.argv.slice(2);
const fs = require('node:fs'),
  os = require('node:os'),
  path = require('node:path');
const rounds = (process.env.ORDER || 'ABBA').split('');
(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-rebuild-probe-'));
  const results = { A: [], B: [] };
  for (const [n, which] of rounds.entries()) {
    const dist = which === 'A' ? distA : distB;
    const { SqliteEventStore } = require(dist + '/src/platform/event-store/sqlite-event-store');
    const { ReadDatabase } = require(dist + '/src/platform/event-store/read-database');
    const { FeatureRegistry } = require(dist + '/src/platform/kernel/feature-registry');
    const { FEATURES } = require(dist + '/src/features');
    const { ProjectionRunner } = require(dist + '/src/platform/projections/projection-runner');
    const { LOG_START } = require(dist + '/src/platform/event-store/event-store.port');
    const store = new SqliteEventStore(file);
    const read = new ReadDatabase(path.join(dir, `read-${n}.sqlite`));
    const registry = new FeatureRegistry(FEATURES);
    const linkage = registry.projections.filter((p) => p.name === 'linkage');
    const runner = new ProjectionRunner(store, read.db, linkage, registry.catalogue);
    let t = performance.now();
    let from = LOG_START,
      events = 0;
    for (;;) {
      const page = await store.readAll({ from, maxCount: 5000 });
      if (page.length === 0) break;
      events += page.length;
      from = page[page.length - 1].position;
    }
    const floor = events / ((performance.now() - t) / 1000);
    const cpu = process.cpuUsage();
    t = performance.now();
    const rebuilt = (await runner.rebuild('linkage')).events;
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const rate = rebuilt / seconds;
    results[which].push({
      rate,
      ofFloor: rate / floor,
      cpuSeconds: (used.user + used.system) / 1e6,
    });
    process.stdout.write(
      `${which}: floor ${floor.toFixed(0)} events/s, rebuild ${rate.toFixed(0)} events/s ` +
        `(${((rate / floor) * 100).toFixed(1)}% of floor) in ${seconds.toFixed(1)} s, ` +
        `CPU ${((used.user + used.system) / 1e6).toFixed(1)} s\n`,
    );
    read.close();
    await store.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const mean = (xs, k) => xs.reduce((s, x) => s + x[k], 0) / xs.length;
  process.stdout.write(
    `CPU seconds of the rebuild, B / A: ${(mean(results.B, 'cpuSeconds') / mean(results.A, 'cpuSeconds')).toFixed(2)}; ` +
      `share of the floor, A ${(mean(results.A, 'ofFloor') * 100).toFixed(1)}%, B ${(mean(results.B, 'ofFloor') * 100).toFixed(1)}%\n`,
  );
})();
