// Why dist/ is built with esbuild and shared chunks rather than @vercel/ncc: verify-version
// bundled both ways, cold start measured interleaved against bare node in one run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '@exegol-actions/testkit/runner';
import type { Section } from './run.ts';
import { FIRST_INPUT_ERROR } from './cold-start.ts';
import { median, timeProcess } from './timing.ts';

function dirBytes(dir: string): number {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
}

export default function nccComparison(runs: number): Section {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ncc-'));
  const ncc = path.join(repoRoot, 'node_modules/.bin/ncc');
  const build = spawnSync(ncc, ['build', 'actions/verify-version/src/index.ts', '-o', out, '--quiet'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`ncc failed: ${build.stderr}`);
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_WORKSPACE: repoRoot,
    INPUT_PRESET: FIRST_INPUT_ERROR['verify-version']!.preset!,
  };
  const cases: Record<string, string[]> = {
    bare: ['-e', '0'],
    esbuild: [path.join(repoRoot, 'dist/verify-version.js')],
    ncc: [path.join(out, 'index.js')],
  };
  const t: Record<string, number[]> = { bare: [], esbuild: [], ncc: [] };
  for (let i = 0; i < runs + 3; i++) {
    for (const [k, args] of Object.entries(cases)) {
      const ms = timeProcess(args, { env }).ms;
      if (i >= 3) t[k]!.push(ms);
    }
  }
  const nccStart = fs.statSync(path.join(out, 'index.js')).size;
  const nccAll = dirBytes(out);
  fs.rmSync(out, { recursive: true, force: true });
  const bare = median(t.bare!);
  const row = (name: string, ms: number, size: string) =>
    `| ${name} | ${ms.toFixed(1)} ms | ${(ms / bare).toFixed(2)}× | ${size} |`;
  return {
    title: 'esbuild with shared chunks vs @vercel/ncc (verify-version)',
    markdown: [
      `Both bundles of verify-version, run to the first input error, interleaved with bare node (median of ${runs}). ncc's entry loads @actions/core with @actions/http-client and undici at start; the esbuild build defers them (see scripts/build.mjs).`,
      '',
      '| Bundle | Cold start | Ratio | Size loaded at start |',
      '| --- | --- | --- | --- |',
      row('bare `node -e 0`', bare, ''),
      row('esbuild, shared chunks (dist/)', median(t.esbuild!), 'see Bundle sizes'),
      row(
        '@vercel/ncc 0.45',
        median(t.ncc!),
        `${(nccStart / 1024).toFixed(0)} KiB (${(nccAll / 1024).toFixed(0)} KiB with its chunks)`,
      ),
    ].join('\n'),
    // A comparison, not a goal of this project: reported in the section only.
    goals: [],
  };
}
