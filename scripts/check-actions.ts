// Checks the public faces of the actions against each other and against the workflows that
// call them: every <name>/action.yml runs on one Node version and names an existing bundle, every
// action under actions/ has its public folder, and every `uses: ./<name>` or
// `uses: exegol/actions/<name>@…` in this repository's YAML passes only inputs the action
// declares and all the inputs it requires (and each job calling one of our reusable workflows,
// only its inputs and secrets). And each action's code agrees with its action.yml: the generated
// input reader is fresh, the code reads every input the metadata declares and no other, and
// writes no default of its own (action-inputs.ts).
//
//   tsx scripts/check-actions.ts [root]   root: a copy of the repository (the tests plant faults in one)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '@exegol-actions/testkit/runner';
import {
  checkActionCalls,
  formatFinding,
  loadCatalog,
  loadYamlFile,
  workflowFiles,
} from '@exegol-actions/testkit/workflows';
import { inputFindings } from './action-inputs.ts';

const root = path.resolve(process.argv[2] ?? repoRoot);

const problems: string[] = [];
const publicActions = fs
  .readdirSync(root)
  .filter((d) => fs.existsSync(path.join(root, d, 'action.yml')))
  .sort();
const sources = fs.readdirSync(path.join(root, 'actions')).sort();

const using = new Set<string>();
for (const name of publicActions) {
  const meta = parseYaml(fs.readFileSync(path.join(root, name, 'action.yml'), 'utf8')) as {
    runs: { using: string; main: string };
  };
  using.add(meta.runs.using);
  if (meta.runs.using !== 'node24')
    problems.push(`${name}/action.yml: runs.using is ${meta.runs.using}, expected node24`);
  if (!fs.existsSync(path.resolve(root, name, meta.runs.main)))
    problems.push(`${name}/action.yml: runs.main ${meta.runs.main} does not exist (pnpm run build)`);
  if (!sources.includes(name)) problems.push(`${name}/action.yml has no sources under actions/${name}`);
  else problems.push(...(await inputFindings(root, name)));
}
for (const name of sources)
  if (!publicActions.includes(name)) problems.push(`actions/${name} has no public ${name}/action.yml`);
if (using.size > 1) problems.push(`action.yml files disagree on the Node version: ${[...using].join(', ')}`);

// The calls of our actions in this repository's workflows and templates, checked by the same
// function that lints a repository's workflows (scripts/lint-workflows.ts).
const catalog = loadCatalog(root);
let calls = 0;
for (const file of workflowFiles(root)) {
  const result = checkActionCalls(loadYamlFile(file, root), catalog);
  calls += result.calls;
  problems.push(...result.findings.map(formatFinding));
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `${publicActions.length} action(s) on node24, reading their inputs as action.yml declares them; ${calls} workflow call(s) of them match their inputs.`,
);
