// The environment a GitHub runner gives a step: its variables and its files. One builder for
// every caller that starts a step runner-faithfully: runAction (our actions, third-party
// actions), runJob's `run:` scripts, and the cold-start benchmark.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eventPayload, type EventSpec } from './events.ts';
import { actionDir, readActionMetadata, type ActionMetadata } from './metadata.ts';

/** The files a runner creates empty for each step and reads back after it. */
export interface RunnerFiles {
  GITHUB_OUTPUT: string;
  GITHUB_STEP_SUMMARY: string;
  GITHUB_ENV: string;
  GITHUB_PATH: string;
  /** Only actions get one: state is what an action's main hands to its post. */
  GITHUB_STATE?: string;
}

/** What the step wrote to its runner files. */
export interface RunnerFileContents {
  outputs: Record<string, string>;
  summary: string;
  exportedEnv: Record<string, string>;
  state: Record<string, string>;
}

/** Creates the runner files of one step, empty, in `dir`. */
export function createRunnerFiles(dir: string, kind: 'action' | 'script'): RunnerFiles {
  const files: RunnerFiles = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_PATH: path.join(dir, 'path'),
    ...(kind === 'action' ? { GITHUB_STATE: path.join(dir, 'state') } : {}),
  };
  for (const file of Object.values(files) as string[]) fs.writeFileSync(file, '');
  return files;
}

export function readRunnerFiles(files: RunnerFiles): RunnerFileContents {
  return {
    outputs: parseFileCommands(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    exportedEnv: parseFileCommands(fs.readFileSync(files.GITHUB_ENV, 'utf8')),
    state: files.GITHUB_STATE ? parseFileCommands(fs.readFileSync(files.GITHUB_STATE, 'utf8')) : {},
  };
}

/** The runner's file-command format: `name=value` lines or `name<<DELIM` heredocs. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delim = ''] = heredoc;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) body.push(lines[i]!);
      if (i >= lines.length) throw new Error(`file command for "${name}" has no closing delimiter ${delim}`);
      out[name] = body.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq < 0) throw new Error(`malformed file command line: ${line}`);
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

/** What every step's process starts with on a runner, whatever kind of step it is. */
export function processEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: os.homedir(),
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
  };
}

export interface ActionStepOptions {
  /**
   * The public folder name: `verify-version` for `uses: exegol/actions/verify-version@v1`; or an
   * absolute path to another action's folder (a vendored actions/checkout release).
   */
  action: string;
  inputs?: Record<string, string | number | boolean>;
  /** GITHUB_WORKSPACE, and the step's working directory. */
  workspace: string;
  event?: EventSpec;
  ref?: string;
  sha?: string;
  repository?: string;
  apiUrl?: string;
  serverUrl?: string;
  /** What `${{ github.token }}` evaluates to. */
  token?: string;
  /**
   * RUNNER_TEMP, when it must outlive the step as it outlives it on a runner (the job's
   * temporary folder: checkout v6+ keeps its credentials file there). A fresh one by default.
   */
  runnerTemp?: string;
  /** Extra environment (a sandbox's git environment, ACT=true…). */
  env?: Record<string, string>;
}

/** A prepared action step: start `node main` in `workspace` with `env`, then read `files`. */
export interface ActionStep {
  meta: ActionMetadata;
  /** The bundle that runs.main names, absolute. */
  main: string;
  env: Record<string, string>;
  /** Every input, given or defaulted from action.yml, as the action reads it. */
  inputs: Record<string, string>;
  files: RunnerFiles;
  /** Removes the step's runner files and its default RUNNER_TEMP. */
  dispose: () => void;
}

/** The runner's expression subset that action.yml defaults use. */
function evaluateDefault(value: string, contexts: Record<string, string>, input: string): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in contexts))
      throw new Error(`default of input "${input}" uses \${{ ${expr} }}, which the test runner does not evaluate`);
    return contexts[expr]!;
  });
}

/**
 * Prepares an action step as a runner does: every INPUT_* (given, or the action.yml default with
 * its `${{ github.* }}` evaluated), the GITHUB_* and RUNNER_* variables, the event payload, and
 * the runner files created empty. Throws on an input action.yml does not declare: a runner only
 * warns, a test's typo should fail loudly. Nothing is started; call dispose() when done.
 */
export function prepareActionStep(options: ActionStepOptions): ActionStep {
  const meta = readActionMetadata(options.action);
  const dir = actionDir(options.action);
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in meta.inputs))
      throw new Error(`${options.action} has no input "${name}" (declared: ${Object.keys(meta.inputs).join(', ')})`);
  }

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-'));
  const files = createRunnerFiles(temp, 'action');
  const eventPath = path.join(temp, 'event.json');
  const runnerTemp = options.runnerTemp ?? path.join(temp, 'runner-temp');
  fs.mkdirSync(runnerTemp, { recursive: true });
  fs.mkdirSync(path.join(temp, 'tool-cache'));

  const repository = options.repository ?? 'exegol/sample';
  const ref = options.ref ?? 'refs/heads/main';
  const sha = options.sha ?? '0'.repeat(40);
  const event = options.event ?? { name: 'push' };
  const payload = eventPayload(event, { repository, ref, sha });
  fs.writeFileSync(eventPath, JSON.stringify(payload, null, 2));

  const serverUrl = options.serverUrl ?? 'https://github.com';
  const apiUrl = options.apiUrl ?? 'https://api.github.com';
  const contexts: Record<string, string> = {
    'github.token': options.token ?? '',
    'github.repository': repository,
    'github.repository_owner': repository.split('/')[0]!,
    'github.ref': ref,
    'github.sha': sha,
    'github.event_name': event.name,
    'github.server_url': serverUrl,
    'github.api_url': apiUrl,
    'github.workspace': options.workspace,
    'runner.temp': runnerTemp,
  };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(meta.inputs)) {
    const given = options.inputs?.[name];
    inputs[name] = given !== undefined ? String(given) : evaluateDefault(String(spec.default ?? ''), contexts, name);
  }

  const env: Record<string, string> = {
    ...processEnv(),
    GITHUB_ACTION: path.basename(options.action).replace(/[^A-Za-z0-9_]/g, ''),
    GITHUB_ACTION_PATH: dir,
    GITHUB_ACTOR: 'exegol-tester',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags|pull)\//, ''),
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_SHA: sha,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0]!,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: serverUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'test',
    GITHUB_WORKFLOW: 'test',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
    RUNNER_NAME: 'exegol-testkit',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: path.join(temp, 'tool-cache'),
    ...files,
    GITHUB_EVENT_PATH: eventPath,
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  // GitHub sets both for pull_request and pull_request_target alike.
  const pr = payload.pull_request;
  if ((event.name === 'pull_request' || event.name === 'pull_request_target') && pr) {
    env.GITHUB_HEAD_REF = pr.head.ref;
    env.GITHUB_BASE_REF = pr.base.ref;
  }

  return {
    meta,
    main: path.resolve(dir, meta.runs.main),
    env,
    inputs,
    files,
    dispose: () => fs.rmSync(temp, { recursive: true, force: true }),
  };
}

export interface ScriptStepOptions {
  workspace: string;
  repository: string;
  eventName: string;
  ref: string;
  sha: string;
  /** The step's environment (job's, step's, a sandbox's git environment…), under the runner files. */
  env?: Record<string, string>;
}

/** A prepared `run:` step: start its shell in `workspace` with `env`, then read `files`. */
export interface ScriptStep {
  env: Record<string, string>;
  files: RunnerFiles;
  /** Removes the step's runner files and RUNNER_TEMP. */
  dispose: () => void;
}

/**
 * Prepares a `run:` step: the runner files (no GITHUB_STATE: that is an action's), and the
 * variables its script reads, with RUNNER_TEMP a fresh folder that holds the files.
 */
export function prepareScriptStep(options: ScriptStepOptions): ScriptStep {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'job-files-'));
  const files = createRunnerFiles(temp, 'script');
  const env: Record<string, string> = {
    ...processEnv(),
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_REF: options.ref,
    GITHUB_SHA: options.sha,
    RUNNER_TEMP: temp,
    ...options.env,
    ...files,
  };
  return { env, files, dispose: () => fs.rmSync(temp, { recursive: true, force: true }) };
}
