#!/usr/bin/env node
// Builds the web UI into web/dist when the build is missing or stale: stale means the hash of
// its sources (web/src, index.html, the Vite and TypeScript configs) and of package-lock.json
// differs from the one recorded beside the last build. `--force` builds regardless.
// Used by `npm start` (prestart) and `npm test` (pretest).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const dist = join(web, 'dist');
const stamp = join(dist, '.source-hash');

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

const sources = [
  ...files(join(web, 'src')),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, 'tsconfig.json'),
  join(root, 'package-lock.json'),
];
const hash = createHash('sha256');
for (const file of sources) {
  hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
}
const sourceHash = hash.digest('hex');

const force = process.argv.includes('--force');
const current =
  existsSync(join(dist, 'index.html')) && existsSync(stamp)
    ? readFileSync(stamp, 'utf8').trim()
    : null;
if (!force && current === sourceHash) {
  process.stdout.write('web UI build is up to date (web/dist)\n');
  process.exit(0);
}
process.stdout.write(`building the web UI (${current ? 'sources changed' : 'no build yet'})…\n`);
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
// Always a production build: Vite follows NODE_ENV when it is set, and jest sets it to `test`
// for a build a test starts, which would ship the component library's development warnings.
execFileSync(process.execPath, [vite, 'build', '--config', join(web, 'vite.config.ts')], {
  cwd: web,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
writeFileSync(stamp, `${sourceHash}\n`);
