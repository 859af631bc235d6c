// Checks the public faces of the actions against each other and against the workflows that
// call them: every <name>/action.yml runs on one Node version and names an existing bundle, every
// action under actions/ has its public folder, and every `uses: ./<name>` or
// `uses: exegol/actions/<name>@…` in this repository's YAML passes only inputs the action
// declares and all the inputs it requires.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { readActionMetadata, repoRoot } from '@exegol-actions/testkit/runner';

const problems: string[] = [];
const publicActions = fs
  .readdirSync(repoRoot)
  .filter((d) => fs.existsSync(path.join(repoRoot, d, 'action.yml')))
  .sort();
const sources = fs.readdirSync(path.join(repoRoot, 'actions')).sort();

const using = new Set<string>();
for (const name of publicActions) {
  const meta = readActionMetadata(name);
  using.add(meta.runs.using);
  if (meta.runs.using !== 'node24') problems.push(`${name}/action.yml: runs.using is ${meta.runs.using}, expected node24`);
  if (!fs.existsSync(path.resolve(repoRoot, name, meta.runs.main))) problems.push(`${name}/action.yml: runs.main ${meta.runs.main} does not exist (pnpm run build)`);
  if (!sources.includes(name)) problems.push(`${name}/action.yml has no sources under actions/${name}`);
}
for (const name of sources) if (!publicActions.includes(name)) problems.push(`actions/${name} has no public ${name}/action.yml`);
if (using.size > 1) problems.push(`action.yml files disagree on the Node version: ${[...using].join(', ')}`);

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

let calls = 0;
for (const file of [...yamlFiles(path.join(repoRoot, '.github/workflows')), ...yamlFiles(path.join(repoRoot, 'workflows-templates'))]) {
  const doc = parse(fs.readFileSync(file, 'utf8')) as { jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> };
  for (const [job, spec] of Object.entries(doc?.jobs ?? {})) {
    for (const step of spec.steps ?? []) {
      const m = /^(?:\.\/|exegol\/actions\/)([\w-]+)(?:@.+)?$/.exec(step.uses ?? '');
      if (!m) continue;
      calls++;
      const name = m[1]!;
      const where = `${path.relative(repoRoot, file)} (job ${job})`;
      if (!publicActions.includes(name)) {
        problems.push(`${where}: uses ${step.uses}, but there is no ${name}/action.yml`);
        continue;
      }
      const meta = readActionMetadata(name);
      for (const k of Object.keys(step.with ?? {})) if (!(k in meta.inputs)) problems.push(`${where}: ${name} has no input "${k}"`);
      for (const [k, spec] of Object.entries(meta.inputs)) {
        if (spec.required && spec.default === undefined && !(k in (step.with ?? {}))) problems.push(`${where}: ${name} requires input "${k}"`);
      }
    }
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${publicActions.length} action(s) on node24; ${calls} workflow call(s) of them match their inputs.`);
