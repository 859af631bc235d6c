// This repository's own rules for workflow files, the ones no linter knows: every call of one of
// our actions or reusable workflows passes only inputs it declares and all it requires; no
// `${{ }}` inside a `run:` script (values go through `env:`); third-party actions pinned to a
// full commit SHA with a version comment; permissions and concurrency declared; every template
// has its GitHub metadata file. actionlint and GitHub's parser run beside these checks
// (scripts/lint-workflows.ts); scripts/check-actions.ts uses the call check alone.
//
// Each check takes a parsed file and returns findings with the line and column of the node at
// fault, so a finding reads like a compiler error. Third-party pins are looked up in the table of
// known commits and their runtimes (runtimes.ts). job.ts runs one job of a workflow step by step
// (runJob), for the templates' acceptance tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALLOWED_RUNTIMES, currentPin, KNOWN_PINS } from './runtimes.ts';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

export { ALLOWED_RUNTIMES, currentPin, KNOWN_PINS, type KnownPin, type Runtime } from './runtimes.ts';

export interface Finding {
  /** Path relative to the linted root. */
  file: string;
  line: number;
  col: number;
  check: string;
  message: string;
}

export interface YamlFile {
  abs: string;
  /** Path relative to the linted root, with forward slashes. */
  rel: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain JavaScript value. */
  value: unknown;
}

export function loadYamlFile(abs: string, root: string): YamlFile {
  const text = fs.readFileSync(abs, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false });
  return { abs, rel: path.relative(root, abs).split(path.sep).join('/'), text, doc, lines, value: doc.toJS() };
}

function yamlIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The workflow files of a repository: `.github/workflows/*.yml` and `workflows-templates/*.yml`. */
export function workflowFiles(root: string): string[] {
  return [...yamlIn(path.join(root, '.github/workflows')), ...yamlIn(path.join(root, 'workflows-templates'))];
}

/** The action metadata files of a repository: `<folder>/action.yml` at the root. */
export function actionFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => path.join(root, e.name, 'action.yml'))
    .filter((f) => fs.existsSync(f))
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Positions

function at(file: YamlFile, node: Node | Pair | null | undefined, check: string, message: string): Finding {
  const offset =
    (node && 'range' in node && node.range ? node.range[0] : undefined) ??
    (node && 'key' in node && isScalar(node.key) && node.key.range ? node.key.range[0] : 0);
  const { line, col } = file.lines.linePos(offset);
  return { file: file.rel, line, col, check, message };
}

function get(map: unknown, key: string): Node | undefined {
  return isMap(map) ? map.get(key, true) : undefined;
}

function pairs(map: unknown): Pair<Node, Node>[] {
  return isMap(map) ? (map.items as Pair<Node, Node>[]) : [];
}

function keyOf(pair: Pair<Node, Node>): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

interface JobNode {
  id: string;
  pair: Pair<Node, Node>;
  node: YAMLMap;
}

function jobs(file: YamlFile): JobNode[] {
  return pairs(get(file.doc.contents, 'jobs'))
    .filter((p) => isMap(p.value))
    .map((p) => ({ id: keyOf(p), pair: p, node: p.value as YAMLMap }));
}

function steps(job: JobNode): YAMLMap[] {
  const list = get(job.node, 'steps');
  return isSeq(list) ? list.items.filter((s): s is YAMLMap => isMap(s)) : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `value[key]` when both are mappings; otherwise an empty one, as a missing section reads. */
function section(value: unknown, key: string): Record<string, unknown> {
  const found = isRecord(value) ? value[key] : undefined;
  return isRecord(found) ? found : {};
}

/** True for a workflow that only runs when another workflow calls it. */
export function isReusable(file: YamlFile): boolean {
  const on = isRecord(file.value) ? file.value.on : undefined;
  return isRecord(on) && 'workflow_call' in on;
}

// ---------------------------------------------------------------------------------------------
// Calls of this repository's actions and reusable workflows

interface InputSpec {
  required?: boolean;
  default?: unknown;
}

export interface Catalog {
  /** Action folder name → its declared inputs. */
  actions: Map<string, Record<string, InputSpec>>;
  /** Reusable workflow file name (under .github/workflows) → its workflow_call inputs and secrets. */
  reusable: Map<string, { inputs: Record<string, InputSpec>; secrets: Record<string, InputSpec> }>;
}

/** Reads the actions and reusable workflows a repository offers. */
export function loadCatalog(root: string): Catalog {
  const actions = new Map<string, Record<string, InputSpec>>();
  for (const file of actionFiles(root)) {
    const meta = loadYamlFile(file, root).value;
    actions.set(path.basename(path.dirname(file)), section(meta, 'inputs') as Record<string, InputSpec>);
  }
  const reusable = new Map<string, { inputs: Record<string, InputSpec>; secrets: Record<string, InputSpec> }>();
  for (const file of yamlIn(path.join(root, '.github/workflows'))) {
    const wf = loadYamlFile(file, root);
    if (!isReusable(wf)) continue;
    const call = section(section(wf.value, 'on'), 'workflow_call');
    reusable.set(path.basename(file), {
      inputs: section(call, 'inputs') as Record<string, InputSpec>,
      secrets: section(call, 'secrets') as Record<string, InputSpec>,
    });
  }
  return { actions, reusable };
}

const OUR_ACTION = /^(?:\.\/|exegol\/actions\/)([\w-]+)(?:@.+)?$/;
const OUR_WORKFLOW = /^(?:\.\/|exegol\/actions\/)\.github\/workflows\/([\w.-]+\.ya?ml)(?:@.+)?$/;

function isRequired(spec: InputSpec | null | undefined): boolean {
  return !!spec?.required && spec.default === undefined;
}

/**
 * Every `uses: ./<name>` or `uses: exegol/actions/<name>@…` step names an action of `actions`,
 * passes only inputs it declares and every input it requires; every job that calls one of the
 * reusable workflows does the same with its inputs and secrets (`secrets: inherit` passes all).
 * Returns the findings and how many calls were checked.
 */
export function checkActionCalls(file: YamlFile, catalog: Catalog): { findings: Finding[]; calls: number } {
  const findings: Finding[] = [];
  let calls = 0;
  for (const job of jobs(file)) {
    const where = `job ${job.id}`;
    const jobUses = get(job.node, 'uses');
    const wfMatch = isScalar(jobUses) ? OUR_WORKFLOW.exec(String(jobUses.value)) : null;
    if (wfMatch) {
      calls++;
      const spec = catalog.reusable.get(wfMatch[1]!);
      if (!spec) {
        findings.push(
          at(
            file,
            jobUses,
            'action-call',
            `${where}: uses ${jobUses!.toString()}, but there is no reusable workflow .github/workflows/${wfMatch[1]} (on: workflow_call)`,
          ),
        );
        continue;
      }
      const withNode = get(job.node, 'with');
      const given = new Set(pairs(withNode).map(keyOf));
      for (const p of pairs(withNode))
        if (!(keyOf(p) in spec.inputs))
          findings.push(
            at(
              file,
              p.key,
              'action-call',
              `${where}: ${wfMatch[1]} has no input "${keyOf(p)}" (it declares: ${Object.keys(spec.inputs).join(', ') || 'none'})`,
            ),
          );
      for (const [k, s] of Object.entries(spec.inputs))
        if (isRequired(s) && !given.has(k))
          findings.push(at(file, jobUses, 'action-call', `${where}: ${wfMatch[1]} requires input "${k}"`));
      const secretsNode = get(job.node, 'secrets');
      if (!(isScalar(secretsNode) && secretsNode.value === 'inherit')) {
        const passed = new Set(pairs(secretsNode).map(keyOf));
        for (const p of pairs(secretsNode))
          if (!(keyOf(p) in spec.secrets))
            findings.push(
              at(
                file,
                p.key,
                'action-call',
                `${where}: ${wfMatch[1]} has no secret "${keyOf(p)}" (it declares: ${Object.keys(spec.secrets).join(', ') || 'none'})`,
              ),
            );
        for (const [k, s] of Object.entries(spec.secrets))
          if (s?.required && !passed.has(k))
            findings.push(at(file, jobUses, 'action-call', `${where}: ${wfMatch[1]} requires secret "${k}"`));
      }
      continue;
    }
    for (const step of steps(job)) {
      const uses = get(step, 'uses');
      const m = isScalar(uses) ? OUR_ACTION.exec(String(uses.value)) : null;
      if (!m) continue;
      calls++;
      const name = m[1]!;
      const inputs = catalog.actions.get(name);
      if (!inputs) {
        findings.push(
          at(
            file,
            uses,
            'action-call',
            `${where}: uses ${String(uses!.toString())}, but there is no ${name}/action.yml`,
          ),
        );
        continue;
      }
      const withNode = get(step, 'with');
      const given = new Set(pairs(withNode).map(keyOf));
      for (const p of pairs(withNode))
        if (!(keyOf(p) in inputs))
          findings.push(at(file, p.key, 'action-call', `${where}: ${name} has no input "${keyOf(p)}"`));
      for (const [k, s] of Object.entries(inputs))
        if (isRequired(s) && !given.has(k))
          findings.push(at(file, uses, 'action-call', `${where}: ${name} requires input "${k}"`));
    }
  }
  return { findings, calls };
}

// ---------------------------------------------------------------------------------------------
// Expressions inside run: scripts

/**
 * Contexts whose values someone outside the maintainers can choose (a pull request's title, body
 * or branch, an issue comment, a commit message…). In a `run:` script they are shell code.
 */
const UNTRUSTED =
  /\bgithub\.(?:event|head_ref)\b|\.(?:title|body|message|name|label|labels|ref_name|head_ref|email|page_name|default_branch)\b/;

/**
 * No `${{ }}` at all in `run:` scripts: the runner pastes the value into the script before the
 * shell reads it, so a value with a quote or `$(…)` in it runs as code. Values go through the
 * step's `env:` and the script reads "$VARIABLE". Untrusted values get the pointed message;
 * any other expression is refused too, so that a later edit cannot turn a safe one into a hole.
 */
export function checkRunExpressions(file: YamlFile): Finding[] {
  const findings: Finding[] = [];
  for (const job of jobs(file)) {
    for (const step of steps(job)) {
      const run = get(step, 'run');
      if (!isScalar(run) || typeof run.value !== 'string') continue;
      const src = run.range ? file.text.slice(run.range[0], run.range[1]) : String(run.value);
      for (const m of src.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
        const expr = m[1]!.trim();
        const { line, col } = file.lines.linePos(run.range![0] + m.index);
        const message = UNTRUSTED.test(expr)
          ? `job ${job.id}: \${{ ${expr} }} in run: is an untrusted value pasted into the script (a crafted title or branch name runs as shell code). Pass it through env: and use "$VARIABLE".`
          : `job ${job.id}: \${{ ${expr} }} in run: — pass values through env: and use "$VARIABLE" (this repository's rule for every expression in scripts).`;
        findings.push({ file: file.rel, line, col, check: 'run-expression', message });
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Pinned third-party actions

/**
 * Third-party actions (anything but `./…`, `docker://…` and this repository's own actions and
 * reusable workflows) are pinned to a full 40-hex commit SHA, with the version in a comment on
 * the same line (`# v4.2.2`) so that a reader and Dependabot know what it is.
 */
export function checkPinnedActions(file: YamlFile): Finding[] {
  const findings: Finding[] = [];
  const check = (uses: Node | undefined, where: string): void => {
    if (!isScalar(uses)) return;
    const ref = String(uses.value);
    if (ref.startsWith('./') || ref.startsWith('docker://') || /^exegol\/actions\//.test(ref)) return;
    const m = /^[^@\s]+@([^\s]+)$/.exec(ref);
    if (!m || !/^[0-9a-f]{40}$/.test(m[1]!)) {
      findings.push(
        at(
          file,
          uses,
          'pinned-actions',
          `${where}: ${ref} is not pinned to a full commit SHA (owner/repo@<40 hex> # vX.Y.Z)`,
        ),
      );
      return;
    }
    const { line } = file.lines.linePos(uses.range![0]);
    const text = file.text.split('\n')[line - 1] ?? '';
    if (!/#\s*v?\d+(\.\d+)*/.test(text.slice(text.indexOf(m[1]!) + 40)))
      findings.push(
        at(file, uses, 'pinned-actions', `${where}: ${ref} has no version comment after the SHA (# vX.Y.Z)`),
      );
  };
  for (const job of jobs(file)) {
    check(get(job.node, 'uses'), `job ${job.id}`);
    for (const step of steps(job)) check(get(step, 'uses'), `job ${job.id}`);
  }
  return findings;
}

/**
 * Each third-party pin is a commit of the known-pins table (runtimes.ts) for that action, on a
 * runtime GitHub's runners still run (not node20 or older), with its tag as the comment. The
 * runtime is the commit's action.yml `runs.using`, which a workflow file cannot show: an unknown
 * commit is a finding, so that each new pin is read once and entered in the table.
 */
export function checkActionRuntimes(file: YamlFile): Finding[] {
  const findings: Finding[] = [];
  const check = (uses: Node | undefined, where: string): void => {
    if (!isScalar(uses)) return;
    const ref = String(uses.value);
    if (ref.startsWith('./') || ref.startsWith('docker://') || /^exegol\/actions\//.test(ref)) return;
    const m = /^([^/@\s]+\/[^/@\s]+)(?:\/[^@\s]*)?@([0-9a-f]{40})$/.exec(ref);
    if (!m) return; // checkPinnedActions reports it
    const [, action, commit] = m as unknown as [string, string, string];
    const known = KNOWN_PINS[commit];
    const current = currentPin(action);
    const propose = current ? ` Pin ${action}@${current.commit} # ${current.tag}.` : '';
    if (!known) {
      findings.push(
        at(
          file,
          uses,
          'action-runtime',
          `${where}: ${ref} is not in the table of known third-party commits (packages/testkit/src/workflows/runtimes.ts): read that commit's action.yml (runs.using) and add it there.${propose}`,
        ),
      );
      return;
    }
    if (known.action !== action) {
      findings.push(
        at(
          file,
          uses,
          'action-runtime',
          `${where}: commit ${commit} is ${known.action} ${known.tag}, not ${action}.${propose}`,
        ),
      );
      return;
    }
    if (!ALLOWED_RUNTIMES.includes(known.runtime)) {
      findings.push(
        at(
          file,
          uses,
          'action-runtime',
          `${where}: ${action} ${known.tag} runs on ${known.runtime}, deprecated on GitHub's runners.${propose}`,
        ),
      );
      return;
    }
    const { line } = file.lines.linePos(uses.range![0]);
    const text = file.text.split('\n')[line - 1] ?? '';
    const comment = /#\s*(v?\d+(?:\.\d+)*)/.exec(text.slice(text.indexOf(commit) + 40));
    if (comment && comment[1] !== known.tag.split(' ')[0])
      findings.push(
        at(
          file,
          uses,
          'action-runtime',
          `${where}: ${ref} is ${action} ${known.tag}, but the comment says ${comment[1]}`,
        ),
      );
  };
  for (const job of jobs(file)) {
    check(get(job.node, 'uses'), `job ${job.id}`);
    for (const step of steps(job)) check(get(step, 'uses'), `job ${job.id}`);
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Permissions and concurrency

/**
 * Every job states its token permissions. With `perJob`, each job has its own `permissions:`
 * (least privilege per job: the job that publishes does not get the rights of the job that
 * tags), as templates and reusable workflows must; otherwise a workflow-level block also counts.
 */
export function checkPermissions(file: YamlFile, options: { perJob: boolean }): Finding[] {
  const findings: Finding[] = [];
  const top = get(file.doc.contents, 'permissions');
  for (const job of jobs(file)) {
    // A job that calls a reusable workflow gets its permissions from there, capped by these.
    if (get(job.node, 'permissions') !== undefined) continue;
    if (!options.perJob && top !== undefined) continue;
    findings.push(
      at(
        file,
        job.pair.key,
        'permissions',
        `job ${job.id} has no permissions: block${options.perJob ? ' (templates and reusable workflows state least-privilege permissions per job)' : ''}`,
      ),
    );
  }
  if (options.perJob && isMap(top) && top.items.length > 0)
    findings.push(
      at(
        file,
        top,
        'permissions',
        "workflow-level permissions grant every job the same rights: set `permissions: {}` here and each job's own below",
      ),
    );
  return findings;
}

/** A template has a workflow-level `concurrency:` group, so two runs for the same ref do not race. */
export function checkConcurrency(file: YamlFile): Finding[] {
  if (get(file.doc.contents, 'concurrency') !== undefined) return [];
  return [
    {
      file: file.rel,
      line: 1,
      col: 1,
      check: 'concurrency',
      message: 'no workflow-level concurrency: group (two runs for the same ref would race)',
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Workflow template metadata

/**
 * GitHub offers `workflow-templates/<name>.yml` of an organisation's `.github` repository as a
 * template when `<name>.properties.json` beside it has a name and a description; `iconName` is
 * an SVG in the same folder or `octicon <name>`; `categories` and `filePatterns` are lists
 * (the patterns are regular expressions matched against the repository's root files).
 */
export function checkTemplateMetadata(dir: string, root: string): Finding[] {
  const findings: Finding[] = [];
  if (!fs.existsSync(dir)) return findings;
  const rel = (f: string): string => path.relative(root, path.join(dir, f)).split(path.sep).join('/');
  const names = fs.readdirSync(dir);
  const templates = names.filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, ''));
  const metadata = names
    .filter((f) => f.endsWith('.properties.json'))
    .map((f) => f.slice(0, -'.properties.json'.length));
  for (const t of templates)
    if (!metadata.includes(t))
      findings.push({
        file: rel(`${t}.yml`),
        line: 1,
        col: 1,
        check: 'template-metadata',
        message: `no ${t}.properties.json beside it: GitHub will not offer it as a template`,
      });
  for (const m of metadata) {
    const file = rel(`${m}.properties.json`);
    const fail = (message: string): void =>
      void findings.push({ file, line: 1, col: 1, check: 'template-metadata', message });
    if (!templates.includes(m)) fail(`no ${m}.yml beside it`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(path.join(dir, `${m}.properties.json`), 'utf8'));
    } catch (e) {
      fail(`not valid JSON: ${(e as Error).message}`);
      continue;
    }
    if (!isRecord(parsed)) {
      fail('must be a JSON object');
      continue;
    }
    const props = parsed;
    for (const k of ['name', 'description']) {
      const value = props[k];
      if (typeof value !== 'string' || value.trim() === '') fail(`"${k}" must be a non-empty string`);
    }
    const known = new Set(['name', 'description', 'iconName', 'categories', 'filePatterns', 'creator', 'labels']);
    for (const k of Object.keys(props))
      if (!known.has(k)) fail(`unknown property "${k}" (GitHub reads ${[...known].join(', ')})`);
    if (props.iconName !== undefined) {
      const icon = typeof props.iconName === 'string' ? props.iconName : JSON.stringify(props.iconName);
      if (!/^octicon [a-z0-9-]+$/.test(icon) && !fs.existsSync(path.join(dir, `${icon}.svg`)))
        fail(`iconName "${icon}" is neither "octicon <name>" nor an SVG file ${icon}.svg beside it`);
    }
    for (const k of ['categories', 'filePatterns']) {
      const value = props[k];
      if (value === undefined) continue;
      if (!Array.isArray(value) || value.some((v: unknown) => typeof v !== 'string'))
        fail(`"${k}" must be a list of strings`);
    }
    for (const p of Array.isArray(props.filePatterns) ? (props.filePatterns as unknown[]) : []) {
      try {
        new RegExp(String(p));
      } catch {
        fail(`filePatterns entry ${JSON.stringify(p)} is not a valid regular expression`);
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Which actions a workflow uses, per job (to compare a template with its reusable workflow)

/** Job id → the sorted list of actions its steps use (`exegol/actions/x`, `owner/repo`). */
export function actionsByJob(file: YamlFile): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const job of jobs(file)) {
    out[job.id] = steps(job)
      .map((s) => get(s, 'uses'))
      .filter(isScalar)
      .map((u) => {
        const ref = String(u.value);
        const ours = OUR_ACTION.exec(ref);
        return ours ? `exegol/actions/${ours[1]}` : ref.replace(/@.*$/, '');
      })
      .sort();
  }
  return out;
}

export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.col}: [${f.check}] ${f.message}`;
}

export { evaluate, runJob, type JobResult, type JobWorkspace, type RunJobOptions, type StepResult } from './job.ts';
