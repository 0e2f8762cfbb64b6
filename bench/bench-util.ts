import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import {
  EventStore,
  LOG_START,
  LogPosition,
  LogStart,
} from '../src/platform/event-store/event-store.port';

/** What the figures were measured on; print it beside every result. */
export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memGiB: number;
  node: string;
  os: string;
  /** `df -h` of the benchmark directory: device, size, free space and mount point. */
  disk: string;
}

export function describeMachine(benchDir: string): MachineDescription {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() || 'unknown',
    cores: cpus.length,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${distribution() ?? os.type()} (${os.platform()} ${os.release()} ${os.arch()})`,
    disk: diskOf(benchDir),
  };
}

function distribution(): string | null {
  try {
    const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return match ? match[1] : null;
  } catch {
    return null;
  }
}

function diskOf(dir: string): string {
  try {
    const output = execFileSync('df', ['-hP', dir], { encoding: 'utf8' });
    const [device, size, , available, usePercent, mount] = output
      .trim()
      .split('\n')[1]
      .split(/\s+/);
    return `${device} mounted on ${mount}: ${size}, ${available} free (${usePercent} used)`;
  } catch {
    return 'unknown (df failed)';
  }
}

export function formatMachine(machine: MachineDescription): string {
  return [
    `CPU:  ${machine.cpuModel} × ${machine.cores}`,
    `RAM:  ${machine.memGiB} GiB`,
    `OS:   ${machine.os}`,
    `Node: ${machine.node}`,
    `Disk: ${machine.disk}`,
  ].join('\n');
}

/** The p-th percentile (0–100) of `values`, interpolating linearly between ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** 12345.6 → "12,346". */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** 0.934 → "93.4%". */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** A plain-text table; columns after the first are right-aligned. */
export function formatTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Reads a positive integer from the environment, or returns the fallback. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** The floor of every rebuild: reading the whole log in pages, doing nothing with it. */
export async function readWholeLog(store: EventStore): Promise<number> {
  let from: LogPosition | LogStart = LOG_START;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ from, maxCount: 5000 });
    if (page.length === 0) return events;
    events += page.length;
    from = page[page.length - 1].position;
  }
}

/** Times a run that reports how many events it went through. */
export async function timedEvents(
  run: () => Promise<number>,
): Promise<{ events: number; seconds: number }> {
  const begin = process.hrtime.bigint();
  const events = await run();
  return { events, seconds: Number(process.hrtime.bigint() - begin) / 1e9 };
}

/** Wall and CPU times of repeated synchronous queries, each in milliseconds. */
export interface QueryTimes {
  wall: number[];
  cpu: number[];
  /** The sum of what each run returned (rows, figures) to show the answers were not empty. */
  total: number;
}

/**
 * Runs a query `runs` times. The process's CPU time per run is kept beside the wall time: on a
 * shared machine the wall time's tail is other processes' as much as ours.
 */
export function timeQueries(runs: number, run: (n: number) => number): QueryTimes {
  const times: QueryTimes = { wall: [], cpu: [], total: 0 };
  for (let n = 0; n < runs; n++) {
    const cpu = process.cpuUsage();
    const begin = process.hrtime.bigint();
    times.total += run(n);
    times.wall.push(Number(process.hrtime.bigint() - begin) / 1e6);
    const used = process.cpuUsage(cpu);
    times.cpu.push((used.user + used.system) / 1000);
  }
  return times;
}
