// Why dist/ is not minified: both builds of the same sources (scripts/build.mjs with and without
// --minify), every action started as a runner starts it up to its first input error, the two
// builds and bare node taking turns in each round. Readable bundles were to stay only if they
// cost at most 1 ms at start.
//
//   pnpm exec tsx bench/minify.bench.ts [runs]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareActionStep, repoRoot } from '@exegol-actions/testkit/runner';
import type { Section } from './run.ts';
import { FIRST_INPUT_ERROR, runnerNode } from './cold-start.ts';
import { median, timeProcess } from './timing.ts';

/** The most a readable build may add to a start, in milliseconds. */
export const GOAL_MS = 1;

const BUILDS = { minified: ['--minify'], readable: [] as string[] };
type Build = keyof typeof BUILDS;

export interface MinifyRow {
  action: string;
  bareMs: number;
  minifiedMs: number;
  readableMs: number;
  /**
   * The median of readable minus minified within each round (the two starts side by side, so a
   * busy moment falls on both); negative when the readable build started faster.
   */
  costMs: number;
  /** Every round's readable minus minified. */
  costs: number[];
}

function buildInto(dir: string, flags: string[]): void {
  const res = spawnSync(process.execPath, ['scripts/build.mjs', ...flags, '--outdir', dir], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`scripts/build.mjs ${flags.join(' ')} failed: ${res.stderr}`);
}

export function measureMinify(runs: number): MinifyRow[] {
  const node = runnerNode();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'minify-'));
  const builds = Object.keys(BUILDS) as Build[];
  for (const b of builds) buildInto(path.join(scratch, b), BUILDS[b]);
  const actions = Object.keys(FIRST_INPUT_ERROR).filter((a) => fs.existsSync(path.join(repoRoot, a, 'action.yml')));
  const steps = actions.map((action) => {
    const workspace = path.join(scratch, 'runs', action, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    return prepareActionStep({ action, workspace, inputs: FIRST_INPUT_ERROR[action]! });
  });
  const envs = new Map(
    actions.map((action, i) => [action, { env: steps[i]!.env, cwd: steps[i]!.env.GITHUB_WORKSPACE! }]),
  );
  const bare: number[] = [];
  const samples = new Map(actions.flatMap((a) => builds.map((b) => [`${a} ${b}`, [] as number[]])));
  const costs = new Map(actions.map((a) => [a, [] as number[]]));
  const warmUp = 3;
  for (let i = 0; i < runs + warmUp; i++) {
    const b = timeProcess(['-e', '0'], { command: node, env: { PATH: process.env.PATH ?? '' } });
    if (i >= warmUp) bare.push(b.ms);
    for (const action of actions) {
      const round: Partial<Record<Build, number>> = {};
      // Alternate which build goes first, so neither always follows the other's page-cache reads.
      for (const build of i % 2 ? builds : [...builds].reverse()) {
        const { env, cwd } = envs.get(action)!;
        const t = timeProcess([path.join(scratch, build, `${action}.js`)], { command: node, env, cwd });
        if (t.status === 0) throw new Error(`${action} (${build}) did not fail on its bad input:\n${t.output}`);
        round[build] = t.ms;
        if (i >= warmUp) samples.get(`${action} ${build}`)!.push(t.ms);
      }
      if (i >= warmUp) costs.get(action)!.push(round.readable! - round.minified!);
    }
  }
  for (const step of steps) step.dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
  const bareMs = median(bare);
  return actions.map((action) => {
    const minifiedMs = median(samples.get(`${action} minified`)!);
    const readableMs = median(samples.get(`${action} readable`)!);
    return { action, bareMs, minifiedMs, readableMs, costMs: median(costs.get(action)!), costs: costs.get(action)! };
  });
}

export default function minifyComparison(runs: number): Section {
  const rows = measureMinify(runs);
  // Each action's median difference carries its own noise, so the worst of six leans above the
  // true cost; the goal is judged on every paired difference of every action pooled.
  const pooled = median(rows.flatMap((r) => r.costs));
  return {
    title: 'Readable vs minified bundles',
    markdown: [
      `The same sources built both ways (\`scripts/build.mjs\` with and without \`--minify\`), each action started as a runner starts it (see Cold start) up to its first input error; bare node, the minified and the readable build take turns in each round (medians of ${runs}, 3 warm-up rounds dropped; the last column is the median of the per-round differences). dist/ ships the readable build when it costs at most ${GOAL_MS} ms: the median of all actions' per-round differences pooled is ${pooled >= 0 ? '+' : ''}${pooled.toFixed(2)} ms. Re-measure: \`pnpm exec tsx bench/minify.bench.ts ${runs}\`.`,
      '',
      '| Action | Bare node | Minified | Readable | Readable − minified (paired) |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.action} | ${r.bareMs.toFixed(1)} ms | ${r.minifiedMs.toFixed(1)} ms | ${r.readableMs.toFixed(1)} ms | ${r.costMs >= 0 ? '+' : ''}${r.costMs.toFixed(1)} ms |`,
      ),
    ].join('\n'),
    goals: [
      {
        name: 'readable dist/, start cost over minified (all actions, paired rounds pooled)',
        value: `${pooled >= 0 ? '+' : ''}${pooled.toFixed(2)} ms`,
        goal: `≤ ${GOAL_MS} ms`,
        met: pooled <= GOAL_MS,
      },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = minifyComparison(Number(process.argv[2] ?? 30));
  console.log(section.markdown);
}
