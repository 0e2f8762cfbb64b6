import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layers, checked on the source itself: the platform imports nothing from the features
 * (ESLint's no-restricted-imports says so at each import; this checks the whole graph), and no
 * two folders import each other, directly or around a loop.
 */
const SRC = resolve(__dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The folder of a file, relative to src/ ('.' for the application's own files). */
const folderOf = (file: string) => relative(SRC, dirname(file)) || '.';

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => resolve(dirname(file), s));
}

const files = sourceFiles(SRC);
const edges = new Map<string, Set<string>>();
for (const file of files) {
  const from = folderOf(file);
  for (const target of importsOf(file)) {
    const to = folderOf(`${target}.ts`);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(to);
  }
}

/** Every cycle among folders, each as the path that closes it. */
function cycles(): string[][] {
  const found: string[][] = [];
  const visit = (node: string, path: string[]) => {
    for (const next of edges.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) found.push([...path.slice(at), next]);
      else visit(next, [...path, next]);
    }
  };
  for (const start of edges.keys()) visit(start, [start]);
  return found;
}

describe('Given the source tree', () => {
  it('when the platform’s imports are followed, then none reaches a feature', () => {
    const platformImports = files
      .filter((f) => folderOf(f).startsWith('platform'))
      .flatMap((f) => importsOf(f).map((target) => [relative(SRC, f), relative(SRC, target)]));
    const reachingFeatures = platformImports.filter(
      ([, target]) =>
        /^(modules|projections)\//.test(target) ||
        target === 'features' ||
        (target.startsWith('events/') && target !== 'events/envelope'),
    );
    expect(reachingFeatures).toEqual([]);
  });

  it('when folders import each other, then never in a cycle', () => {
    expect(cycles()).toEqual([]);
  });
});
