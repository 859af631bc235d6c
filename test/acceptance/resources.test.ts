// The real resources_list.csv of ThePorgs/Exegol-resources exported to the docs by
// export-tool-list (resources mode), compared with the real `PIPELINE: resources list` commits
// of ThePorgs/Exegol-docs (resources.bundle and docs.bundle; commits named by upstream ids).
// Each pair: the resources commit on main whose push exported the list, and the docs commit that
// export made minutes later. The docs' main is put back at the docs commit's parent, checked out
// with the real actions/checkout, and the list at the resources commit is exported and pushed:
// the pushed commit must be the real one, tree for tree.
//
// All four exports the docs history holds since the resources bundle starts are here. Upstream
// missed one: 741888c (2026-01-22, the third merge in 113 s, which added a row) has no docs
// commit of its own; its list reached the docs only with the next export, in March (13c6a9d).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { DOCS_RESOURCES_FILE, exegolRemote, type ExegolRemote } from '@exegol-actions/testkit/fixtures';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { startJob, step } from './steps.ts';

let sandbox: GitSandbox;
let docs: ExegolRemote;
let resources: ExegolRemote;
beforeAll(async () => {
  sandbox = await GitSandbox.create('acceptance-resources-');
  docs = await exegolRemote(sandbox, 'docs', 'ThePorgs/Exegol-docs');
  resources = await exegolRemote(sandbox, 'resources', 'ThePorgs/Exegol-resources');
});
afterAll(() => sandbox.cleanup());

let seq = 0;
test.each([
  // resources commit (main), the docs commit its export made
  ['bcef79e', 'bf3a7a9', '2026-01-22: PR #61 (pingcastle) merged'],
  ['169909b', 'e4b88b6', '2026-01-22: PR #55 (linikatz) merged'],
  ['7bd7792', '13c6a9d', '2026-03-07: the February update merged'],
  ['53d2571', '0e1ed2a', '2026-04-06: the April update merged'],
])('resources %s → docs %s (%s)', async (fromResources, toDocs) => {
  const real = docs.commit(toDocs);
  const git = sandbox.git(docs.remote);
  const [parent] = (await git.out(['log', '-1', '--format=%P', real])).split(' ');
  await docs.setBranches({ main: parent! });
  const job = await startJob(sandbox, docs.remote, 'refs/heads/main', { name: `docs-${++seq}` });
  const workspace = path.dirname(job.dir);
  const list = path.join(workspace, 'resources', `${seq}`, 'resources_list.csv');
  fs.mkdirSync(path.dirname(list), { recursive: true });
  fs.writeFileSync(list, await resources.show(resources.commit(fromResources), 'resources_list.csv'));

  const run = await step(job, 'export-tool-list', {
    workspace,
    inputs: { 'resources-csv': path.relative(workspace, list), 'docs-path': path.basename(job.dir) },
  });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(run.outputs).toMatchObject({ operation: 'pushed', changed: 'true' });
  const tip = (await sandbox.refs(docs.remote))['refs/heads/main']!;
  expect(await git.out(['rev-parse', `${tip}^`])).toBe(parent);
  const format = '%T%n%an <%ae>%n%cn <%ce>%n%B';
  expect(await git.out(['log', '-1', `--format=${format}`, tip])).toBe(
    await git.out(['log', '-1', `--format=${format}`, real]),
  );
  expect(await docs.show(tip, DOCS_RESOURCES_FILE)).toBe(fs.readFileSync(list, 'utf8'));
});
