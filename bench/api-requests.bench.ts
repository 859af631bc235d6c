// GitHub API requests per scenario, as the API double counted them: each action's committed
// bundle run as a runner runs it (testkit's runAction, a new process), on look-alike repositories
// with real bare remotes that the double serves as GitHub's repositories. Requests are the
// actions' cost on GitHub's rate limits. The scenarios and their fixtures are the end-to-end
// tests' (packages/testkit/src/fixtures), so the figures here and the counts the tests assert
// exactly describe the same runs. Every run must end as the scenario says (exit 0, no error, the
// expected `operation`) and send only requests GitHub would accept, or the benchmark fails.
//
//   pnpm exec tsx bench/api-requests.ts     (prints the table; bench/run.ts adds it to RESULTS.md)
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  docsRemote,
  githubProject,
  light3118Inputs,
  light3118List,
  openReleasePr,
  releasePrEvent,
  RESOURCES_MONTHLY,
  resourcesRemote,
} from '@exegol-actions/testkit/fixtures';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';
import type { Section } from './run.ts';

const OWNER = 'ThePorgs';
const GITHUB_TOKEN = 'ghs_apirequestsbench00001';
const MAINTAINER = 'github_pat_apibenchmaint01';

export interface RequestCount {
  action: string;
  scenario: string;
  operation: string;
  /** `operationId status`, in the order the double answered them. */
  requests: string[];
}

/** The requests of one run, checked: a run that failed or went astray would count something else. */
async function counted(
  double: GitHubDouble,
  rows: RequestCount[],
  row: { action: string; scenario: string; operation: string },
  options: Omit<RunActionOptions, 'action' | 'apiUrl' | 'token'>,
): Promise<ActionRun> {
  double.resetCounts();
  const run = await runAction({ action: row.action, apiUrl: double.url, token: GITHUB_TOKEN, ...options });
  const requests = double.requests.map((r) => `${r.operationId ?? `${r.method} ${r.path}`} ${r.status}`);
  if (run.exitCode !== 0 || run.errors.length || (run.outputs.operation ?? '') !== row.operation) {
    throw new Error(
      `${row.action}, ${row.scenario}: expected operation "${row.operation}", got exit ${run.exitCode}, operation "${run.outputs.operation}", errors ${JSON.stringify(run.errors)}\n${run.stdout}\n${run.stderr}`,
    );
  }
  double.assertNoViolations();
  rows.push({ ...row, requests });
  return run;
}

export async function measureApiRequests(): Promise<RequestCount[]> {
  const sandbox = await GitSandbox.create('bench-api-requests-');
  const double = await startGitHubDouble({
    tokens: { [GITHUB_TOKEN]: {}, [MAINTAINER]: { kind: 'pat', login: 'Dramelac' } },
  });
  const rows: RequestCount[] = [];
  const env = sandbox.env();
  try {
    // A wrapper release, as test/release-flow.test.ts replays it: the gate on the release PR, the
    // merge, create-release on the merge commit, bump-next-beta pushing to dev; then a re-run.
    const wrapper = await githubProject(sandbox, double, 'Exegol', {
      owner: OWNER,
      kind: 'wrapper',
      previous: '4.3.4',
      betas: ['4.3.5b1', '4.3.5b2'],
      released: '4.3.5',
      merge: false,
      wrapper: { testVersion: '4.3.4' },
    });
    const number = await openReleasePr(double, wrapper, { token: MAINTAINER, title: 'Release 4.3.5' });
    const gate = await counted(
      double,
      rows,
      { action: 'verify-version', scenario: 'release PR check (pull_request event)', operation: '' },
      {
        workspace: (await sandbox.checkout(wrapper.remote, 'refs/heads/dev')).dir,
        repository: wrapper.fullName,
        ref: `refs/pull/${number}/merge`,
        sha: wrapper.devSha,
        event: releasePrEvent(wrapper, number, 'Release 4.3.5'),
        env,
        inputs: { 'check-release-pr': 'true', 'test-file-mismatch': 'warning' },
      },
    );
    // The gate has no `operation`: what it must show is the release PR found and passed.
    const checks = JSON.parse(gate.outputs.checks ?? '[]') as { id: string; status: string }[];
    if (gate.outputs.version !== '4.3.5' || checks.find((c) => c.id === 'release-pr')?.status !== 'pass') {
      throw new Error(`verify-version: the release PR check did not pass: ${gate.outputs.checks}`);
    }
    // The double answers with GitHub's body for the operation: pulls/merge's has the merge commit.
    const merged = (await double.act(
      'pulls/merge',
      { owner: OWNER, repo: wrapper.repo, pull_number: number, merge_method: 'merge' },
      { token: MAINTAINER },
    )) as { sha: string };
    const mergeSha = merged.sha;
    const onMaster = async () => ({
      workspace: (await sandbox.checkout(wrapper.remote, 'refs/heads/master')).dir,
      repository: wrapper.fullName,
      ref: 'refs/heads/master',
      sha: mergeSha,
      env,
    });
    await counted(
      double,
      rows,
      { action: 'create-release', scenario: 'happy path, no assets', operation: 'created' },
      { ...(await onMaster()), inputs: {} },
    );
    await counted(
      double,
      rows,
      { action: 'create-release', scenario: 're-run, no assets', operation: 'unchanged' },
      { ...(await onMaster()), inputs: {} },
    );
    await counted(
      double,
      rows,
      { action: 'bump-next-beta', scenario: 'push mode (dev fast-forwarded, next beta pushed)', operation: 'bumped' },
      {
        ...(await onMaster()),
        inputs: { 'fast-forward-from': 'master' },
      },
    );
    await counted(
      double,
      rows,
      { action: 'bump-next-beta', scenario: 'push mode, re-run', operation: 'unchanged' },
      {
        ...(await onMaster()),
        inputs: { 'fast-forward-from': 'master' },
      },
    );

    // A release with the wrapper's sdist attached, as create-release.test.ts makes it.
    for (const immutableReleases of [false, true]) {
      const p = await githubProject(sandbox, double, immutableReleases ? 'Exegol-immutable' : 'Exegol-assets', {
        owner: OWNER,
        kind: 'wrapper',
        previous: '4.3.4',
        betas: ['4.3.5b1'],
        released: '4.3.5',
        repoOptions: { immutableReleases },
      });
      const checkout = await sandbox.checkout(p.remote, `refs/heads/${p.releaseBranch}`);
      fs.mkdirSync(path.join(checkout.dir, 'dist'));
      fs.writeFileSync(path.join(checkout.dir, 'dist', 'exegol-4.3.5.tar.gz'), 'sdist bytes');
      const options = {
        workspace: checkout.dir,
        repository: p.fullName,
        ref: `refs/heads/${p.releaseBranch}`,
        sha: p.mergeSha,
        env,
        inputs: { assets: 'dist/*.tar.gz' },
      };
      const setting = immutableReleases ? ' (immutable releases on)' : '';
      await counted(
        double,
        rows,
        { action: 'create-release', scenario: `one asset${setting}`, operation: 'created' },
        options,
      );
      await counted(
        double,
        rows,
        { action: 'create-release', scenario: `re-run, one asset unchanged${setting}`, operation: 'unchanged' },
        options,
      );
    }

    // bump-next-beta on a protected dev (a pre-receive hook refuses the push as GitHub does):
    // the fast-forward and the bump go into a pull request instead.
    const guarded = await githubProject(sandbox, double, 'Exegol-protected', {
      owner: OWNER,
      kind: 'wrapper',
      previous: '4.3.4',
      betas: ['4.3.5b1'],
      released: '4.3.5',
      tagReleased: true,
      wrapper: { testVersion: '4.3.5' },
    });
    sandbox.protectBranch(guarded.remote, 'dev');
    const onGuarded = async () => ({
      workspace: (await sandbox.checkout(guarded.remote, 'refs/heads/master')).dir,
      repository: guarded.fullName,
      ref: 'refs/heads/master',
      sha: guarded.mergeSha,
      env,
      inputs: { 'fast-forward-from': 'master' },
    });
    await counted(
      double,
      rows,
      { action: 'bump-next-beta', scenario: 'PR mode (protected dev)', operation: 'pull-request' },
      await onGuarded(),
    );
    await counted(
      double,
      rows,
      { action: 'bump-next-beta', scenario: 'PR mode, re-run', operation: 'unchanged' },
      await onGuarded(),
    );

    // export-tool-list publishing light 3.1.18's list to the docs through a pull request.
    const docs = await docsRemote(sandbox, 'Exegol-docs');
    double.addRepo(`${OWNER}/Exegol-docs`, docs.remote, { defaultBranch: 'main' });
    const workspace = path.join(sandbox.root, 'work');
    const list = path.join(workspace, 'inputs', 'installed_tools.csv');
    fs.mkdirSync(path.dirname(list), { recursive: true });
    fs.writeFileSync(list, light3118List());
    const exportRun = async () => ({
      workspace,
      repository: `${OWNER}/Exegol-images`,
      env,
      inputs: light3118Inputs(
        path.relative(workspace, (await sandbox.checkout(docs.remote, 'refs/heads/dev')).dir),
        path.relative(workspace, list),
        {
          publish: 'pull-request',
          'docs-repository': `${OWNER}/Exegol-docs`,
          'pull-request-labels': 'bot, docs',
        },
      ),
    });
    await counted(
      double,
      rows,
      {
        action: 'export-tool-list',
        scenario: 'PR mode (light 3.1.18 into dev, labelled)',
        operation: 'pull-request-created',
      },
      await exportRun(),
    );
    await counted(
      double,
      rows,
      { action: 'export-tool-list', scenario: 'PR mode, re-run', operation: 'unchanged' },
      await exportRun(),
    );

    // sync-submodules: Exegol-resources' monthly run (18 submodules, 5 moved) in PR mode, then the
    // same day again, once after one more submodule moved and once with nothing new.
    const resources = await resourcesRemote(sandbox);
    double.addRepo(`${OWNER}/Exegol-resources`, resources.remote);
    const monthly = async () => ({
      workspace: (await sandbox.checkout(resources.remote, 'refs/heads/main')).dir,
      repository: `${OWNER}/Exegol-resources`,
      env: { ...env, SOURCE_DATE_EPOCH: RESOURCES_MONTHLY.sourceDateEpoch },
      inputs: RESOURCES_MONTHLY.inputs,
    });
    await counted(
      double,
      rows,
      { action: 'sync-submodules', scenario: 'PR mode (resources, 5 of 18 moved)', operation: 'pull-request-created' },
      await monthly(),
    );
    await resources.tools[1]!.commit('more work', { files: { 'CHANGELOG.md': 'more\n' } });
    await resources.tools[1]!.pushAll();
    await counted(
      double,
      rows,
      { action: 'sync-submodules', scenario: 'same-day re-run, one more moved', operation: 'pull-request-updated' },
      await monthly(),
    );
    await counted(
      double,
      rows,
      { action: 'sync-submodules', scenario: 'same-day re-run, nothing new', operation: 'pull-request-unchanged' },
      await monthly(),
    );
    return rows;
  } finally {
    await double.stop();
    sandbox.cleanup();
  }
}

/** The table's order: the release flow's. */
const ORDER = ['verify-version', 'create-release', 'bump-next-beta', 'export-tool-list', 'sync-submodules'];

export const GOALS = [
  { action: 'create-release', scenario: 'happy path, no assets', max: 3 },
  { action: 'create-release', scenario: 're-run, no assets', max: 2 },
  { action: 'create-release', scenario: 're-run, one asset unchanged', max: 2 },
];

export default async function apiRequests(): Promise<Section> {
  const rows = await measureApiRequests();
  const find = (action: string, scenario: string) => {
    const row = rows.find((r) => r.action === action && r.scenario === scenario);
    if (!row) throw new Error(`no scenario "${scenario}" for ${action}`);
    return row;
  };
  return {
    title: 'GitHub API requests per scenario',
    markdown: [
      "Each action's committed bundle run as a runner runs it, against real bare remotes and the GitHub API double, which counts every request (uploads included) and refuses any GitHub would refuse; each run is checked to end with the scenario's `operation`. Counts do not vary between runs. Scenarios and fixtures are the end-to-end tests'. Re-measure: `pnpm exec tsx bench/api-requests.bench.ts`.",
      '',
      '| Action | Scenario | Operation | Requests | Sequence |',
      '| --- | --- | --- | ---: | --- |',
      ...ORDER.flatMap((action) => rows.filter((r) => r.action === action)).map(
        (r) =>
          `| ${r.action} | ${r.scenario} | ${r.operation || 'release-pr check: pass'} | ${r.requests.length} | ${r.requests.length ? r.requests.map((q) => `\`${q}\``).join(' → ') : '—'} |`,
      ),
    ].join('\n'),
    goals: GOALS.map((g) => {
      const n = find(g.action, g.scenario).requests.length;
      return {
        name: `API requests, ${g.action}: ${g.scenario}`,
        value: String(n),
        goal: `≤ ${g.max}`,
        met: n <= g.max,
      };
    }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = await apiRequests();
  console.log(section.markdown);
  for (const g of section.goals) console.log(`${g.met ? 'met   ' : 'MISSED'} ${g.name}: ${g.value} (goal ${g.goal})`);
}
