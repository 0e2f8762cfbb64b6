// A one-off probe from the speed work of issue 7 (BENCHMARKS.md, 2026-11-23 evening), kept to
// reproduce its figures; not part of the build. Nest on Express against Nest on Fastify, one GET
// and one validated POST, the server's CPU time per request. Run it in a scratch directory:
//   npm install @nestjs/core@11 @nestjs/common@11 @nestjs/platform-express@11 \
//     @nestjs/platform-fastify@11 reflect-metadata rxjs class-validator class-transformer autocannon
//   cp probe.js there; RATE=1000 DUR=15 ROUNDS=2 node fastify-probe.js

const { fork } = require('child_process');
const fs = require('fs');
const autocannon = require('autocannon');
const cpu = (pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const RATE = Number(process.env.RATE || 1000),
  DUR = Number(process.env.DUR || 15);
async function one(kind, port) {
  const child = fork(__dirname + '/probe.js', [kind, String(port)]);
  await new Promise((r) => child.on('message', r));
  const out = {};
  for (const [name, req] of [
    ['GET', { method: 'GET', path: '/probe/live' }],
    [
      'POST',
      {
        method: 'POST',
        path: '/probe/receipt',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ officeLogNumber: '收文', kind: 'a' }),
      },
    ],
  ]) {
    await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 10,
      overallRate: RATE,
      duration: 3,
      requests: [req],
    });
    const before = cpu(child.pid);
    const r = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 10,
      overallRate: RATE,
      duration: DUR,
      requests: [req],
    });
    const used = cpu(child.pid) - before;
    out[name] = {
      reqs: r.requests.total,
      non2xx: r.non2xx,
      p50: r.latency.p50,
      p99: r.latency.p99,
      cpuMicrosPerReq: Math.round((used * 1000) / r.requests.total),
    };
  }
  child.kill();
  return out;
}
(async () => {
  const rounds = Number(process.env.ROUNDS || 2);
  const res = { express: [], fastify: [] };
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? ['fastify', 'express'] : ['express', 'fastify'];
    for (const k of order) res[k].push(await one(k, 3590 + i));
  }
  console.log(
    JSON.stringify({ rate: RATE, duration: DUR, loadavg: require('os').loadavg(), res }, null, 1),
  );
})();
