// A whole release, replayed end to end as the maintainers' checklist describes it, with the
// committed bundles run as a runner runs them, real bare remotes and the GitHub API double:
//
//   release PR dev → master open  → verify-version (the gate, release PR checked through the API)
//   PR merged (merge commit)      → create-release (signed tag on the merge commit, release latest,
//                                   notes since the last stable tag)
//                                 → bump-next-beta (dev fast-forwarded to master, next beta on dev)
//   then every action again with the same inputs: nothing duplicated, `operation: unchanged`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { run as exec } from '@exegol-actions/core/exec';
import {
  constantConfig,
  githubProject,
  openReleasePr,
  releasePrEvent,
  type GitHubProject,
} from '@exegol-actions/testkit/fixtures';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';

const OWNER = 'ThePorgs';
const TOKEN = 'ghs_releaseflowtoken00001';
const MAINTAINER = 'github_pat_maintainer0001';

let sandbox: GitSandbox;
let double: GitHubDouble;
beforeAll(async () => {
  sandbox = await GitSandbox.create('release-flow-');
  double = await startGitHubDouble({ tokens: { [TOKEN]: {}, [MAINTAINER]: { kind: 'pat', login: 'Dramelac' } } });
});
afterAll(async () => {
  await double.stop();
  sandbox.cleanup();
});
afterEach(() => double.assertNoViolations());

type Flow = GitHubProject;

async function step(
  flow: Flow,
  action: string,
  options: Partial<RunActionOptions> & { checkoutRef: string },
): Promise<ActionRun & { requests: string[] }> {
  const checkout = await sandbox.checkout(flow.remote, options.checkoutRef);
  double.resetCounts();
  const run = await runAction({
    action,
    workspace: checkout.dir,
    repository: flow.fullName,
    apiUrl: double.url,
    token: TOKEN,
    env: sandbox.env(),
    ...options,
  });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  return Object.assign(run, { requests: double.requests.map((r) => `${r.operationId} ${r.status}`) });
}

/** The release PR dev → release branch, opened by a maintainer, as the checklist has it. */
function openPr(flow: Flow, version: string): Promise<number> {
  return openReleasePr(double, flow, { token: MAINTAINER, title: `Release ${version}` });
}

async function sshKey(): Promise<{ privateKey: string; publicKey: string }> {
  const file = path.join(sandbox.root, `key-${Math.random().toString(36).slice(2, 8)}`);
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'exegol-release', '-f', file]);
  return { privateKey: fs.readFileSync(file, 'utf8'), publicKey: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
}

async function state(flow: Flow) {
  return {
    refs: await sandbox.refs(flow.remote),
    releases: structuredClone(
      double.state.releases(flow.fullName).map((r) => ({ ...r, assets: r.assets.map((a) => a.name) })),
    ),
    pulls: structuredClone(double.state.pulls(flow.fullName)),
  };
}

test('a wrapper release: gate, signed tag and latest release, dev fast-forwarded, next beta; then all again, unchanged', async () => {
  const flow = await githubProject(sandbox, double, 'Exegol', {
    owner: OWNER,
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1', '4.3.5b2'],
    released: '4.3.5',
    merge: false,
    wrapper: { testVersion: '4.3.4' },
  });
  const number = await openPr(flow, '4.3.5');

  // 1. The gate, on the release PR.
  const gate = await step(flow, 'verify-version', {
    checkoutRef: 'refs/heads/dev',
    ref: `refs/pull/${number}/merge`,
    sha: flow.devSha,
    event: releasePrEvent(flow, number, 'Release 4.3.5'),
    inputs: { 'check-release-pr': 'true', 'test-file-mismatch': 'warning' },
  });
  expect(gate.outputs).toMatchObject({
    version: '4.3.5',
    'is-prerelease': 'false',
    'previous-tag': '4.3.4',
    'next-beta': '4.3.6b1',
  });
  expect(JSON.parse(gate.outputs.checks!)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: 'stable', status: 'pass' }),
      expect.objectContaining({ id: 'release-pr', status: 'pass' }),
    ]),
  );

  // 2. The maintainers merge it with a merge commit.
  const merged = (await double.act(
    'pulls/merge',
    { owner: OWNER, repo: flow.repo, pull_number: number, merge_method: 'merge' },
    { token: MAINTAINER },
  )) as { sha: string };
  const mergeSha = merged.sha;

  // 3. create-release on the merge commit (the push to master), signed with the project's key.
  const key = await sshKey();
  const releaseInputs = { 'signing-key': key.privateKey };
  const released = await step(flow, 'create-release', {
    checkoutRef: 'refs/heads/master',
    ref: 'refs/heads/master',
    sha: mergeSha,
    inputs: releaseInputs,
  });
  expect(released.outputs).toMatchObject({
    version: '4.3.5',
    tag: '4.3.5',
    'tag-created': 'true',
    'previous-tag': '4.3.4',
    latest: 'true',
    prerelease: 'false',
    operation: 'created',
  });
  expect(released.requests).toEqual([
    'repos/list-releases 200',
    'repos/generate-release-notes 200',
    'repos/create-release 201',
  ]);
  const remote = sandbox.git(flow.remote);
  expect(await remote.out(['rev-parse', '4.3.5^{commit}'])).toBe(mergeSha);
  expect(
    await remote.verifyTag('4.3.5', { allowedSigners: `actions@github.com namespaces="git" ${key.publicKey}` }),
  ).toMatchObject({ signature: 'ssh', verified: true });
  const release = double.state.releases(flow.fullName).find((r) => r.tagName === '4.3.5')!;
  expect(double.state.latestRelease(flow.fullName)?.id).toBe(release.id);
  // GitHub lists the pull requests that landed, not their commits: the release pull request.
  expect(release.body).toContain(`* Release 4.3.5 by @Dramelac in https://github.com/${flow.fullName}/pull/${number}`);
  expect(release.body).not.toContain('Version 4.3.5b1');
  expect(release.body).toContain(`compare/4.3.4...4.3.5`);

  // 4. bump-next-beta: dev fast-forwarded to master, then 4.3.6b1 committed on dev.
  const bumped = await step(flow, 'bump-next-beta', {
    checkoutRef: 'refs/heads/master',
    ref: 'refs/heads/master',
    sha: mergeSha,
    inputs: { 'fast-forward-from': 'master' },
  });
  expect(bumped.outputs).toMatchObject({
    'previous-version': '4.3.5',
    'next-version': '4.3.6b1',
    operation: 'bumped',
    pushed: 'true',
    'fast-forwarded': 'true',
  });
  const dev = (await sandbox.refs(flow.remote))['refs/heads/dev']!;
  expect(await remote.out(['rev-parse', `${dev}^`])).toBe(mergeSha);
  expect((await remote.out(['show', `${dev}:exegol/config/ConstantConfig.py`])) + '\n').toBe(
    constantConfig('4.3.6b1', 'module'),
  );
  expect(await remote.out(['show', `${dev}:tests/exegol_test.py`])).toContain("assert __version__ == '4.3.6'");

  // 5. The gate agrees with what bump-next-beta wrote, on dev.
  const onDev = await step(flow, 'verify-version', {
    checkoutRef: 'refs/heads/dev',
    ref: 'refs/heads/dev',
    sha: dev,
    event: { name: 'push' },
  });
  expect(onDev.outputs).toMatchObject({
    version: '4.3.6b1',
    'is-prerelease': 'true',
    'previous-tag': '4.3.5',
    'next-beta': '4.3.6b2',
  });

  // 6. Every action again with the same inputs: nothing duplicated, nothing moved.
  const before = await state(flow);
  const releasedAgain = await step(flow, 'create-release', {
    checkoutRef: 'refs/heads/master',
    ref: 'refs/heads/master',
    sha: mergeSha,
    inputs: releaseInputs,
  });
  expect(releasedAgain.outputs).toMatchObject({
    operation: 'unchanged',
    'tag-created': 'false',
    'release-id': String(release.id),
  });
  expect(releasedAgain.requests).toHaveLength(2);
  const bumpedAgain = await step(flow, 'bump-next-beta', {
    checkoutRef: 'refs/heads/master',
    ref: 'refs/heads/master',
    sha: mergeSha,
    inputs: { 'fast-forward-from': 'master' },
  });
  expect(bumpedAgain.outputs).toMatchObject({ operation: 'unchanged', pushed: 'false' });
  expect(await state(flow)).toEqual(before);
});

test('an images release: no version file, "Exegol images X.Y.Z", version from the PR title; then all again, unchanged', async () => {
  const flow = await githubProject(sandbox, double, 'Exegol-images', {
    owner: OWNER,
    kind: 'images',
    previous: '3.1.5',
    previousReleaseName: 'Exegol images 3.1.5',
    betas: ['3.1.6b1'],
    tagBetas: true,
    released: '3.1.6',
    merge: false,
  });
  await double.act('repos/create-release', {
    owner: OWNER,
    repo: flow.repo,
    tag_name: '3.1.6b1',
    name: 'Exegol images 3.1.6b1',
    prerelease: true,
    make_latest: 'false',
  });
  const number = await openPr(flow, '3.1.6');

  const gate = await step(flow, 'verify-version', {
    checkoutRef: 'refs/heads/dev',
    ref: `refs/pull/${number}/merge`,
    sha: flow.devSha,
    event: releasePrEvent(flow, number, 'Release 3.1.6'),
    inputs: { preset: 'exegol-images', 'release-branch': 'main', 'check-release-pr': 'true' },
  });
  expect(gate.outputs).toMatchObject({ version: '3.1.6', 'previous-tag': '3.1.6b1' });

  const merged = (await double.act(
    'pulls/merge',
    { owner: OWNER, repo: flow.repo, pull_number: number },
    { token: MAINTAINER },
  )) as { sha: string };
  const mergeSha = merged.sha;

  const releaseInputs = {
    version: gate.outputs.version!,
    name: 'Exegol images {version}',
    'tag-message': 'Release {version}',
  };
  const released = await step(flow, 'create-release', {
    checkoutRef: 'refs/heads/main',
    ref: 'refs/heads/main',
    sha: mergeSha,
    inputs: releaseInputs,
  });
  expect(released.outputs).toMatchObject({
    tag: '3.1.6',
    'previous-tag': '3.1.5',
    latest: 'true',
    prerelease: 'false',
    operation: 'created',
  });
  expect(released.requests).toHaveLength(3);
  const release = double.state.releases(flow.fullName).find((r) => r.tagName === '3.1.6')!;
  expect(release.name).toBe('Exegol images 3.1.6');
  expect(release.body).toContain('compare/3.1.5...3.1.6');
  expect(double.state.latestRelease(flow.fullName)?.tagName).toBe('3.1.6');
  expect(await sandbox.git(flow.remote).out(['tag', '-l', '--format=%(objecttype) %(contents:subject)', '3.1.6'])).toBe(
    'tag Release 3.1.6',
  );

  const bumped = await step(flow, 'bump-next-beta', {
    checkoutRef: 'refs/heads/main',
    ref: 'refs/heads/main',
    sha: mergeSha,
    inputs: { preset: 'exegol-images', 'fast-forward-from': 'main' },
  });
  expect(bumped.outputs).toMatchObject({ operation: 'fast-forwarded', 'fast-forwarded': 'true', 'next-version': '' });
  expect((await sandbox.refs(flow.remote))['refs/heads/dev']).toBe(mergeSha);

  const before = await state(flow);
  const releasedAgain = await step(flow, 'create-release', {
    checkoutRef: 'refs/heads/main',
    ref: 'refs/heads/main',
    sha: mergeSha,
    inputs: releaseInputs,
  });
  expect(releasedAgain.outputs).toMatchObject({ operation: 'unchanged', 'tag-created': 'false' });
  expect(releasedAgain.requests).toHaveLength(2);
  const bumpedAgain = await step(flow, 'bump-next-beta', {
    checkoutRef: 'refs/heads/main',
    ref: 'refs/heads/main',
    sha: mergeSha,
    inputs: { preset: 'exegol-images', 'fast-forward-from': 'main' },
  });
  expect(bumpedAgain.outputs.operation).toBe('unchanged');
  expect(await state(flow)).toEqual(before);
});
