/**
 * The real service for the browser tests: `src/main.ts` in its own process (transpiled on load,
 * so it is the current source), on a free port, a fresh SQLite file, the demo data seeded by the
 * CLI, DEMO_SIGN_IN on, and the built web UI (web/dist, built first when missing or stale).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const REGISTER = join(ROOT, 'test/support/ts-register.js');
export const WEB_SECRET = 'web-test-secret-that-is-at-least-32-characters';

export interface RunningService {
  baseUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/** Builds web/dist unless its recorded source hash is current. */
export function ensureWebBuild(): void {
  // The script itself forces a production build (jest's NODE_ENV=test would otherwise carry over).
  execFileSync(process.execPath, [join(ROOT, 'scripts/web-build.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}

/** `env` adds to or overrides the defaults (e.g. OIDC_ISSUER with DEMO_SIGN_IN=false). */
export async function startService(env: Record<string, string> = {}): Promise<RunningService> {
  ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'legislink-web-'));
  const port = await freePort();
  const processEnv = {
    ...process.env,
    SQLITE_PATH: join(dir, 'legislink.sqlite'),
    JWT_SECRET: WEB_SECRET,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_SIGN_IN: 'true',
    WEB_ROOT: join(ROOT, 'web/dist'),
    PROCESS_ROLES: 'api,projector',
    KAFKA_BROKERS: '',
    ...env,
  };
  execFileSync(process.execPath, ['-r', REGISTER, join(ROOT, 'src/cli/cli.ts'), 'seed-demo'], {
    cwd: ROOT,
    env: processEnv,
    stdio: 'pipe',
  });
  const child: ChildProcess = spawn(process.execPath, ['-r', REGISTER, join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: processEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`the service exited:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not get ready in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
