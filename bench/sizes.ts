// Committed bundle sizes: per action, what loads at start (its entry and the chunks it imports
// statically) and everything it can reach (dynamic imports too); and all of dist/ together.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, readActionMetadata } from '@exegol-actions/testkit/runner';

export interface BundleSize {
  action: string;
  startBytes: number;
  reachableBytes: number;
}

const STATIC = /(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?"(\.[^"]+)"/g;
const DYNAMIC = /import\("(\.[^"]+)"\)/g;

function walk(file: string, dynamic: boolean, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  for (const re of dynamic ? [STATIC, DYNAMIC] : [STATIC]) {
    for (const m of text.matchAll(re)) walk(path.resolve(path.dirname(file), m[1]!), dynamic, seen);
  }
  return seen;
}

const bytes = (files: Iterable<string>) => [...files].reduce((n, f) => n + fs.statSync(f).size, 0);

export function bundleSizes(): { perAction: BundleSize[]; totalBytes: number } {
  const actions = fs
    .readdirSync(repoRoot)
    .filter((d) => fs.existsSync(path.join(repoRoot, d, 'action.yml')))
    .sort();
  const perAction = actions.map((action) => {
    const main = path.resolve(repoRoot, action, readActionMetadata(action).runs.main);
    return { action, startBytes: bytes(walk(main, false)), reachableBytes: bytes(walk(main, true)) };
  });
  const dist = path.join(repoRoot, 'dist');
  const all = fs
    .readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
  return { perAction, totalBytes: bytes(all) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { perAction, totalBytes } = bundleSizes();
  for (const s of perAction)
    console.log(
      `${s.action.padEnd(24)} start ${(s.startBytes / 1024).toFixed(1)} KiB, reachable ${(s.reachableBytes / 1024).toFixed(1)} KiB`,
    );
  console.log(`dist/ total ${(totalBytes / 1024 / 1024).toFixed(2)} MiB`);
}
