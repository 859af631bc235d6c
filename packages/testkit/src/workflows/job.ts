// Runs one job of a workflow file as a runner would, step by step: `if:` and every `${{ }}`
// evaluated by GitHub's own expression engine (@actions/expressions) against the run's contexts;
// actions/checkout through the caller (the sandbox runs the real vendored release); our actions
// from their committed bundles (runAction); `run:` scripts under bash -eo pipefail, as the
// runner's default shell, with GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STEP_SUMMARY. A step this
// machine cannot run (a download from PyPI, a third-party action that publishes) is not run but
// recorded with the reason the test gives, so the list of what did not run is the test's own.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { parse as parseYaml } from 'yaml';
import {
  parseWorkflowCommands,
  prepareScriptStep,
  readRunnerFiles,
  runAction,
  type ActionRun,
  type Annotation,
  type RunActionOptions,
} from '../runner/index.ts';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

interface StepSpec {
  id?: string;
  name?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  with?: Record<string, Json>;
  env?: Record<string, Json>;
  'continue-on-error'?: boolean;
}

interface JobSpec {
  if?: string | boolean;
  env?: Record<string, Json>;
  steps?: StepSpec[];
  outputs?: Record<string, string>;
}

/** The workspace and run context a checkout gives the later steps of its job. */
export interface JobWorkspace {
  dir: string;
  /** What runAction needs to run a later step in the same job (Checkout.step()). */
  step(): Pick<RunActionOptions, 'workspace' | 'ref' | 'sha' | 'event' | 'repository' | 'serverUrl' | 'token' | 'env'>;
}

export interface RunJobOptions {
  /** The workflow file. */
  workflow: string;
  job: string;
  /** The `github` context: event_name, ref, ref_type, repository, event… (token is added). */
  github: Record<string, Json>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  needs?: Record<string, { result?: string; outputs: Record<string, string> }>;
  matrix?: Record<string, Json>;
  inputs?: Record<string, Json>;
  /** What `github.token` is. */
  token: string;
  /** Runs actions/checkout with the step's evaluated inputs (the first one gives the workspace). */
  checkout: (inputs: Record<string, string>, index: number) => Promise<JobWorkspace>;
  /** The GitHub API (the double) for our actions. */
  apiUrl?: string;
  /** Steps not run on this machine, by name (or `uses` without the ref): the reason. */
  notRunHere?: Record<string, string>;
  /**
   * `run:` steps run here with a part of the command replaced, by name: `pdm run -v mypy …` as
   * `mypy …` when the tool comes from Debian instead of pdm's environment. Recorded with the reason.
   */
  rewrite?: Record<string, { from: string; to: string; reason: string }>;
  /** Extra environment for every step (a sandbox's git environment, PATH…). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface StepResult {
  name: string;
  id?: string;
  kind: 'checkout' | 'ours' | 'run' | 'third-party';
  outcome: 'success' | 'failure' | 'skipped' | 'not-run-here';
  /** For not-run-here: why. */
  reason?: string;
  outputs: Record<string, string>;
  annotations: Annotation[];
  /** Our action's run, when it was one. */
  action?: ActionRun;
  /** For a rewritten script: why. */
  rewritten?: string;
  /** A script's exit code, output and the script as run. */
  exitCode?: number | null;
  log?: string;
  script?: string;
}

export interface JobResult {
  result: 'success' | 'failure' | 'skipped';
  steps: StepResult[];
  outputs: Record<string, string>;
  summary: string;
  workspace: JobWorkspace | null;
  /** A step by its name (or uses). */
  step(name: string): StepResult;
}

const OUR_ACTION = /^exegol\/actions\/([\w-]+)@/;

function toData(value: Json): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function fromData(value: data.ExpressionData): Json {
  return JSON.parse(JSON.stringify(value, data.replacer)) as Json;
}

/** One expression, by GitHub's engine; status functions from the job's state. */
export function evaluate(
  expression: string,
  contexts: Record<string, Json>,
  status: { failed: boolean } = { failed: false },
): Json {
  const lexed = new Lexer(expression).lex();
  const statusFunctions = ['success', 'failure', 'always', 'cancelled'].map((name) => ({
    name,
    description: '',
    minArgs: 0,
    maxArgs: 0,
  }));
  const ast = new Parser(lexed.tokens, Object.keys(contexts), statusFunctions).parse();
  const dict = new data.Dictionary();
  for (const [k, v] of Object.entries(contexts)) dict.add(k, toData(v));
  const fn = (value: boolean) => ({
    name: '',
    description: '',
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value),
  });
  const functions = new Map([
    ['success', fn(!status.failed)],
    ['failure', fn(status.failed)],
    ['always', fn(true)],
    ['cancelled', fn(false)],
  ]);
  return fromData(new Evaluator(ast, dict, functions).evaluate());
}

function truthy(v: Json): boolean {
  return !(v === false || v === null || v === 0 || v === '' || (typeof v === 'number' && Number.isNaN(v)));
}

/** A value as the runner puts it into a string: null is empty, an object or a list is JSON. */
function show(v: Json | undefined): string {
  return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A value with `${{ }}` in it: a whole expression keeps its type, a template becomes a string. */
function interpolate(value: Json | undefined, contexts: Record<string, Json>): string {
  if (typeof value !== 'string') return show(value);
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value);
  if (whole) return show(evaluate(whole[1]!, contexts));
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => show(evaluate(expr, contexts)));
}

/** `if:` as the runner reads it: an expression without `${{ }}`, success() && … unless a status function is named. */
function condition(value: string | boolean | undefined, contexts: Record<string, Json>, failed: boolean): boolean {
  if (value === undefined) return !failed;
  if (typeof value === 'boolean') return value && !failed;
  const expr = value.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1');
  const withStatus = /\b(success|failure|always|cancelled)\s*\(/.test(expr) ? expr : `success() && (${expr})`;
  return truthy(evaluate(withStatus, contexts, { failed }));
}

async function bash(
  script: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'job-step-')), 'step.sh');
  fs.writeFileSync(file, script);
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`step did not finish in ${timeoutMs} ms\n${script}\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { code, stdout, stderr };
}

function emptyWorkspace(options: RunJobOptions, github: Record<string, Json>): JobWorkspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-workspace-'));
  return {
    dir,
    step: () => ({
      workspace: dir,
      ref: show(github.ref ?? ''),
      sha: show(github.sha ?? '0'.repeat(40)),
      repository: show(github.repository ?? ''),
      token: options.token,
      event: { name: show(github.event_name ?? 'push') },
      env: {},
    }),
  };
}

export async function runJob(options: RunJobOptions): Promise<JobResult> {
  const wf = parseYaml(fs.readFileSync(options.workflow, 'utf8')) as {
    env?: Record<string, Json>;
    jobs: Record<string, JobSpec>;
  };
  const spec = wf.jobs[options.job];
  if (!spec) throw new Error(`${options.workflow} has no job "${options.job}"`);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const github: Record<string, Json> = { ...options.github, token: options.token };
  const stepsContext: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const base = (): Record<string, Json> => ({
    github,
    secrets: { GITHUB_TOKEN: options.token, ...(options.secrets ?? {}) },
    vars: options.vars ?? {},
    needs: options.needs ?? {},
    matrix: options.matrix ?? {},
    inputs: options.inputs ?? {},
    runner: { os: 'Linux', arch: 'X64', temp: os.tmpdir() },
    job: { status: 'success' },
    steps: stepsContext,
    strategy: {},
    env: {},
  });

  // Workflow env, then job env, each evaluated where the runner evaluates it.
  const workflowEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(wf.env ?? {})) workflowEnv[k] = interpolate(v, base());
  const jobEnv: Record<string, string> = { ...workflowEnv };
  for (const [k, v] of Object.entries(spec.env ?? {})) jobEnv[k] = interpolate(v, { ...base(), env: jobEnv });

  const results: StepResult[] = [];
  const finish = (result: JobResult['result'], workspace: JobWorkspace | null, summary: string): JobResult => {
    const outputs: Record<string, string> = {};
    if (result !== 'skipped')
      for (const [k, v] of Object.entries(spec.outputs ?? {})) outputs[k] = interpolate(v, { ...base(), env: jobEnv });
    return {
      result,
      steps: results,
      outputs,
      summary,
      workspace,
      step(name: string): StepResult {
        const found = results.find((s) => s.name === name || s.id === name);
        if (!found)
          throw new Error(`job ${options.job} has no step "${name}" (steps: ${results.map((s) => s.name).join(', ')})`);
        return found;
      },
    };
  };
  if (!condition(spec.if, { ...base(), env: jobEnv }, false)) return finish('skipped', null, '');

  let workspace: JobWorkspace | null = null;
  let failed = false;
  let checkouts = 0;
  let summary = '';
  for (const step of spec.steps ?? []) {
    const usesRef = step.uses ?? '';
    const name = step.name ?? (step.uses ? step.uses.replace(/@.*$/, '') : (step.run ?? '').split('\n')[0]!);
    const kind: StepResult['kind'] = usesRef.startsWith('actions/checkout@')
      ? 'checkout'
      : OUR_ACTION.test(usesRef)
        ? 'ours'
        : step.uses
          ? 'third-party'
          : 'run';
    const contexts = (): Record<string, Json> => ({ ...base(), env: { ...jobEnv } });
    const record = (r: Omit<StepResult, 'name' | 'id' | 'kind'>): void => {
      results.push({ name, id: step.id, kind, ...r });
      if (step.id)
        stepsContext[step.id] = {
          outputs: r.outputs,
          outcome: r.outcome === 'not-run-here' ? 'skipped' : r.outcome,
          conclusion: r.outcome === 'not-run-here' ? 'skipped' : r.outcome,
        };
    };
    if (!condition(step.if, contexts(), failed)) {
      record({ outcome: 'skipped', outputs: {}, annotations: [] });
      continue;
    }
    const reason =
      options.notRunHere?.[name] ?? (step.uses ? options.notRunHere?.[usesRef.replace(/@.*$/, '')] : undefined);
    if (reason !== undefined) {
      record({ outcome: 'not-run-here', reason, outputs: {}, annotations: [] });
      continue;
    }
    const withInputs: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.with ?? {})) withInputs[k] = interpolate(v, contexts());
    const stepEnv: Record<string, string> = { ...jobEnv };
    for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = interpolate(v, contexts());

    if (kind === 'checkout') {
      const ws = await options.checkout(withInputs, checkouts++);
      workspace ??= ws;
      record({ outcome: 'success', outputs: {}, annotations: [] });
      continue;
    }
    // A job without a checkout runs in an empty workspace, as on a runner.
    workspace ??= emptyWorkspace(options, github);
    if (kind === 'third-party')
      throw new Error(
        `job ${options.job}: step "${name}" (${usesRef}) is a third-party action this runner does not run: give the reason in notRunHere`,
      );
    if (kind === 'ours') {
      const action = OUR_ACTION.exec(usesRef)![1]!;
      const ctx = workspace.step();
      const run = await runAction({
        ...ctx,
        action,
        inputs: withInputs,
        env: { ...(ctx.env ?? {}), ...(options.env ?? {}), ...stepEnv },
        ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
        timeoutMs,
      });
      summary += run.summary;
      const ok = run.exitCode === 0;
      record({ outcome: ok ? 'success' : 'failure', outputs: run.outputs, annotations: run.annotations, action: run });
      if (!ok && !step['continue-on-error']) failed = true;
      continue;
    }
    // A run: script.
    const ctx = workspace.step();
    const { env, files, dispose } = prepareScriptStep({
      workspace: workspace.dir,
      repository: show(github.repository ?? ''),
      eventName: show(github.event_name ?? ''),
      ref: show(github.ref ?? ''),
      sha: show(github.sha ?? ''),
      env: { ...(ctx.env ?? {}), ...(options.env ?? {}), ...stepEnv },
    });
    const rewrite = options.rewrite?.[name];
    if (rewrite && !(step.run ?? '').includes(rewrite.from))
      throw new Error(`job ${options.job}: step "${name}" has no "${rewrite.from}" to rewrite`);
    const script = rewrite ? (step.run ?? '').split(rewrite.from).join(rewrite.to) : (step.run ?? '');
    const res = await bash(script, workspace.dir, env, timeoutMs);
    const { annotations } = parseWorkflowCommands(res.stdout);
    const { outputs, exportedEnv, summary: written } = readRunnerFiles(files);
    Object.assign(jobEnv, exportedEnv);
    summary += written;
    dispose();
    const ok = res.code === 0;
    record({
      outcome: ok ? 'success' : 'failure',
      outputs,
      annotations,
      exitCode: res.code,
      log: `${res.stdout}\n${res.stderr}`,
      script,
      ...(rewrite ? { rewritten: rewrite.reason } : {}),
    });
    if (!ok && !step['continue-on-error']) failed = true;
  }
  return finish(failed ? 'failure' : 'success', workspace, summary);
}
