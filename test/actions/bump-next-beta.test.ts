// bump-next-beta end to end: the committed bundle, run as a runner runs it, on look-alike
// repositories right after a release, with real bare remotes checked out by the real actions/checkout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { runAction, type ActionRun } from '@exegol-actions/testkit/runner';
import {
  constantConfig,
  releaseHistory,
  spawnScript,
  testFileContent,
  type ReleaseHistoryOptions,
} from '@exegol-actions/testkit/fixtures';
import { recordRequests, requestTable } from '../request-counts.ts';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('bump-next-beta-');
});
afterAll(() => sandbox.cleanup());

const CONFIG = 'exegol/config/ConstantConfig.py';
const SPAWN = 'exegol/utils/imgsync/spawn.sh';
const TEST_FILE = 'tests/exegol_test.py';

type History = Awaited<ReturnType<typeof releaseHistory>>;

async function released(name: string, options: Partial<ReleaseHistoryOptions> = {}): Promise<History> {
  return releaseHistory(sandbox, name, {
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1'],
    released: '4.3.5',
    tagReleased: true,
    wrapper: { testVersion: '4.3.5' },
    ...options,
  });
}

/** A fresh depth-1 checkout of the release branch, as the job after create-release would have. */
async function bump(
  history: History,
  inputs: Record<string, string> = {},
  options: {
    checkout?: TestRepo;
    env?: Record<string, string>;
    api?: { double: GitHubDouble; repository: string; token: string };
  } = {},
): Promise<ActionRun & { checkout: TestRepo }> {
  const checkout = options.checkout ?? (await sandbox.checkout(history.remote, `refs/heads/${history.releaseBranch}`));
  const run = await runAction({
    action: 'bump-next-beta',
    workspace: checkout.dir,
    ref: `refs/heads/${history.releaseBranch}`,
    sha: history.mergeSha,
    env: { ...sandbox.env(), ...options.env },
    ...(options.api
      ? { apiUrl: options.api.double.url, repository: options.api.repository, token: options.api.token }
      : {}),
    inputs: options.api ? inputs : { 'github-token': '', ...inputs },
  });
  return { ...run, checkout };
}

/** The file at a commit of the remote. */
async function show(history: History, rev: string, file: string): Promise<string> {
  return sandbox
    .git(history.remote)
    .out(['show', `${rev}:${file}`])
    .then((s) => s + '\n');
}

describe('after a wrapper release', () => {
  test('fast-forwards dev to master, then commits 4.3.6b1 on it; every other byte stays', async () => {
    const history = await released('wrapper-ff');
    const before = await sandbox.refs(history.remote);
    expect(before['refs/heads/dev']).toBe(history.devSha);
    const run = await bump(history, { 'fast-forward-from': 'master' });
    expect(run.stderr).toBe('');
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const after = await sandbox.refs(history.remote);
    const dev = after['refs/heads/dev']!;
    expect(run.outputs).toEqual({
      'previous-version': '4.3.5',
      'next-version': '4.3.6b1',
      'commit-sha': dev,
      pushed: 'true',
      'fast-forwarded': 'true',
      'pull-request-number': '',
      'pull-request-url': '',
      'triggers-workflows': '',
      operation: 'bumped',
    });
    // Only dev moved: master and the tags are as they were.
    expect({ ...after, 'refs/heads/dev': history.devSha }).toEqual(before);
    const git = sandbox.git(history.remote);
    expect(await git.out(['rev-parse', `${dev}^`])).toBe(history.mergeSha);
    expect(await git.out(['log', '-1', '--format=%an <%ae>%n%cn <%ce>%n%s', dev])).toBe(
      'Github Actions <actions@github.com>\nGithub Actions <actions@github.com>\nBump version to 4.3.6b1',
    );
    expect(await git.lines(['diff', '--name-only', `${dev}^`, dev])).toEqual([CONFIG, TEST_FILE].sort());
    expect(await show(history, dev, CONFIG)).toBe(constantConfig('4.3.6b1', 'module'));
    // The test file holds only finals: the release the beta leads to.
    expect(await show(history, dev, TEST_FILE)).toBe(testFileContent('4.3.6'));
    // spawn.sh is left alone by default (stable-marker: keep).
    expect(await show(history, dev, SPAWN)).toBe(spawnScript('2'));
    expect(run.summary).toContain('bump-next-beta: bumped');
    expect(run.summary).toContain(`| \`${CONFIG}\` | 4 | \`4.3.5\` | \`4.3.6b1\` |`);
  });

  test('after a release candidate (issue 15): pre rc writes the next candidate, in canonical spelling', async () => {
    const history = await released('wrapper-rc');
    const run = await bump(history, { 'fast-forward-from': 'master', version: '4.3.6-RC1', pre: 'rc' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ 'next-version': '4.3.6rc2', operation: 'bumped' });
    const dev = (await sandbox.refs(history.remote))['refs/heads/dev']!;
    expect(await show(history, dev, CONFIG)).toBe(constantConfig('4.3.6rc2', 'module'));
    expect(await show(history, dev, TEST_FILE)).toBe(testFileContent('4.3.6'));
  });

  test('a re-run with the same inputs changes nothing and says so', async () => {
    const history = await released('wrapper-rerun');
    const first = await bump(history, { 'fast-forward-from': 'master' });
    expect(first.outputs.operation).toBe('bumped');
    const refs = await sandbox.refs(history.remote);
    const again = await bump(history, { 'fast-forward-from': 'master' });
    expect(again.exitCode).toBe(0);
    expect(again.errors).toEqual([]);
    expect(again.outputs).toMatchObject({
      operation: 'unchanged',
      pushed: 'false',
      'fast-forwarded': 'false',
      'previous-version': '4.3.6b1',
      'next-version': '4.3.6b1',
      'commit-sha': refs['refs/heads/dev'],
    });
    expect(again.stdout).toContain('dev already contains master');
    expect(again.stdout).toContain('The files already hold 4.3.6b1: nothing to commit.');
    expect(await sandbox.refs(history.remote)).toEqual(refs);
  });

  test('without a fast-forward, on a dev that already has the release commit; class-shaped ConstantConfig', async () => {
    const history = await released('wrapper-class', {
      wrapper: { shape: 'class', testVersion: null },
      tagReleased: true,
    });
    const checkout = await sandbox.checkout(history.remote, 'refs/heads/dev');
    const run = await bump(history, {}, { checkout });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      operation: 'bumped',
      'previous-version': '4.3.5',
      'next-version': '4.3.6b1',
      'fast-forwarded': 'false',
    });
    const dev = (await sandbox.refs(history.remote))['refs/heads/dev']!;
    expect(await sandbox.git(history.remote).out(['rev-parse', `${dev}^`])).toBe(history.devSha);
    expect(await show(history, dev, CONFIG)).toBe(constantConfig('4.3.6b1', 'class'));
  });

  test.each([
    [{ bump: 'minor' }, '4.4.0b1', '4.4.0'],
    [{ bump: 'major', pre: 'a' }, '5.0.0a1', '5.0.0'],
    [{ pre: 'rc' }, '4.3.6rc1', '4.3.6'],
    [{ version: '4.3.9' }, '4.3.10b1', '4.3.10'],
  ])('%j gives %s', async (inputs, next, final) => {
    const history = await released(`wrapper-${next}`);
    const run = await bump(history, { 'fast-forward-from': 'master', ...inputs });
    expect(run.errors).toEqual([]);
    expect(run.outputs['next-version']).toBe(next);
    const dev = run.outputs['commit-sha']!;
    expect(await show(history, dev, CONFIG)).toBe(constantConfig(next, 'module'));
    expect(await show(history, dev, TEST_FILE)).toBe(testFileContent(final));
  });

  test('dev moved while the bump was being made: fetch, rebase, push again', async () => {
    const history = await released('wrapper-race', { tagReleased: true });
    // Someone else's commit on dev, pushed from their clone at the moment our push starts.
    const other = await sandbox.checkout(history.remote, 'refs/heads/dev', { name: 'race-other', depth: 0 });
    const theirs = await other.commit('Someone else on dev', { files: { 'other.txt': 'x\n' } });
    const checkout = await sandbox.checkout(history.remote, 'refs/heads/dev', { name: 'race-ours' });
    const hook = path.join(checkout.dir, '.git', 'hooks', 'pre-push');
    fs.writeFileSync(
      hook,
      `#!/bin/sh\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\n[ -e "$0.done" ] && exit 0\n: > "$0.done"\ngit -C '${other.dir}' push --quiet origin HEAD:refs/heads/dev\n`,
      { mode: 0o755 },
    );
    const run = await bump(history, {}, { checkout });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ operation: 'bumped', pushed: 'true' });
    expect(run.stdout).toContain('dev moved meanwhile: rebased and pushed on attempt 2');
    const dev = (await sandbox.refs(history.remote))['refs/heads/dev']!;
    expect(dev).toBe(run.outputs['commit-sha']);
    expect(await sandbox.git(history.remote).out(['rev-parse', `${dev}^`])).toBe(theirs);
    expect(await show(history, dev, CONFIG)).toBe(constantConfig('4.3.6b1', 'module'));
  });

  test('force writes the next beta over a version that is ahead', async () => {
    const history = await released('wrapper-force');
    const run = await bump(history, { 'fast-forward-from': 'master', version: '4.3.3', force: 'true' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ operation: 'bumped', 'previous-version': '4.3.5', 'next-version': '4.3.4b1' });
    expect(run.stdout).toContain('force: writing 4.3.4b1 over 4.3.5');
  });

  test('stable-marker: beta marks spawn.sh the way Exegol writes a beta (2 → 2b)', async () => {
    const history = await released('wrapper-spawn');
    const run = await bump(history, { 'fast-forward-from': 'master', 'stable-marker': 'beta' });
    expect(run.outputs.operation).toBe('bumped');
    expect(await show(history, run.outputs['commit-sha']!, SPAWN)).toBe(spawnScript('2b'));
  });

  test('no tag yet: the release is read from the files (a final), the next beta from it', async () => {
    const history = await released('wrapper-untagged', { tagReleased: false });
    const run = await bump(history, { 'fast-forward-from': 'master' });
    expect(run.outputs).toMatchObject({ operation: 'bumped', 'next-version': '4.3.6b1' });
    expect(run.stdout).not.toContain('::error');
  });

  test('dry-run shows the change and pushes nothing; the checkout is left as it was', async () => {
    const history = await released('wrapper-dry');
    const refs = await sandbox.refs(history.remote);
    const checkout = await sandbox.checkout(history.remote, 'refs/heads/master');
    const head = await checkout.git.head();
    const run = await bump(history, { 'fast-forward-from': 'master', 'dry-run': 'true' }, { checkout });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ operation: 'bumped', pushed: 'false', 'next-version': '4.3.6b1' });
    expect(run.summary).toContain('(dry-run)');
    expect(await sandbox.refs(history.remote)).toEqual(refs);
    expect(await checkout.git.head()).toBe(head);
    expect(await checkout.git.out(['status', '--porcelain'])).toBe('');
  });

  test('under act, dry-run is the default', async () => {
    const history = await released('wrapper-act');
    const refs = await sandbox.refs(history.remote);
    const run = await bump(history, { 'fast-forward-from': 'master' }, { env: { ACT: 'true' } });
    expect(run.outputs).toMatchObject({ operation: 'bumped', pushed: 'false' });
    expect(await sandbox.refs(history.remote)).toEqual(refs);
  });
});

describe('other projects', () => {
  test('images: no version file, only the fast-forward', async () => {
    const history = await releaseHistory(sandbox, 'images-ff', {
      kind: 'images',
      previous: '3.1.5',
      betas: ['3.1.6b1'],
      tagBetas: true,
      released: '3.1.6',
      tagReleased: true,
    });
    const run = await bump(history, { preset: 'exegol-images', 'fast-forward-from': 'main' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      operation: 'fast-forwarded',
      'previous-version': '',
      'next-version': '',
      pushed: 'true',
      'fast-forwarded': 'true',
    });
    expect((await sandbox.refs(history.remote))['refs/heads/dev']).toBe(history.mergeSha);
    const again = await bump(history, { preset: 'exegol-images', 'fast-forward-from': 'main' });
    expect(again.outputs).toMatchObject({ operation: 'unchanged', pushed: 'false' });
  });

  test('semver rules in package.json', async () => {
    const remote = await sandbox.bare('semver-bump');
    const repo = await sandbox.repo('semver-bump-dev', remote);
    await repo.commit('1.2.3', { files: { 'package.json': '{\n  "name": "x",\n  "version": "1.2.3"\n}\n' } });
    await repo.tag('v1.2.3');
    await repo.branch('dev');
    await repo.pushAll();
    const history = { remote, releaseBranch: 'main', mergeSha: await repo.git.head() } as History;
    const rules = '- file: package.json\n  pattern: \'^  "version": "([^"]+)"\'\n';
    const run = await bump(history, { rules, 'tag-prefix': 'v', 'version-format': 'semver' });
    expect(run.errors).toEqual([]);
    expect(run.outputs['next-version']).toBe('1.2.4-beta.1');
    expect(await show(history, run.outputs['commit-sha']!, 'package.json')).toBe(
      '{\n  "name": "x",\n  "version": "1.2.4-beta.1"\n}\n',
    );
  });
});

describe('refusals: one clear error, nothing changed', () => {
  let history: History;
  beforeAll(async () => {
    history = await released('refusals');
  });

  async function refused(
    inputs: Record<string, string>,
    options: Parameters<typeof bump>[2] = {},
  ): Promise<ActionRun & { checkout: TestRepo }> {
    const refs = await sandbox.refs(history.remote);
    const run = await bump(history, inputs, options);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(await sandbox.refs(history.remote)).toEqual(refs);
    return run;
  }

  test.each([
    [{ bump: 'huge' }, 'Input "bump": unknown value "huge"'],
    [{ mode: 'direct' }, 'Input "mode": unknown value "direct"'],
    [{ identity: 'bot' }, 'Input "identity": "bot" is not "Name <email>"'],
    [{ version: '4.0-dev' }, 'Input "version": "4.0-dev" is not a valid version'],
    [{ 'dev-branch': 'develop' }, 'Input "dev-branch": branch "develop" does not exist on origin'],
    [{ 'fast-forward-from': 'mastre' }, 'Input "fast-forward-from": branch "mastre" does not exist on origin'],
    [{ 'fast-forward-from': 'dev' }, 'Input "fast-forward-from": is the dev branch itself'],
    [{ 'push-attempts': '0' }, 'Input "push-attempts": "0" is not a whole number at least 1'],
  ])('%j', async (inputs, message) => {
    const run = await refused(inputs);
    expect(run.errors[0]!.message).toContain(message);
  });

  test('files already ahead of the next beta: an error unless forced', async () => {
    const run = await refused({ 'fast-forward-from': 'master', version: '4.3.3' });
    expect(run.errors[0]!.message).toContain('already hold 4.3.5, ahead of 4.3.4b1');
    expect(run.errors[0]!.message).toContain('force: true');
    // The checkout is left as the refusal found it: on master, clean.
    expect(await run.checkout.git.currentBranch()).toBe('master');
    expect(await run.checkout.git.head()).toBe(history.mergeSha);
    expect(await run.checkout.git.out(['status', '--porcelain'])).toBe('');
  });

  test('a pre-release kind that would go backwards', async () => {
    const run = await refused({ version: '4.3.6rc1', pre: 'b' });
    expect(run.errors[0]!.message).toContain('Input "pre": cannot go from 4.3.6rc1 to a "b" pre-release');
  });

  test('a dirty work tree', async () => {
    const checkout = await sandbox.checkout(history.remote, 'refs/heads/master');
    fs.appendFileSync(path.join(checkout.dir, CONFIG), '# local edit\n');
    const run = await refused({ 'fast-forward-from': 'master' }, { checkout });
    expect(run.errors[0]!.message).toContain('uncommitted changes');
  });

  test('dev has commits master lacks: cannot fast-forward, nothing pushed', async () => {
    const diverged = await released('diverged');
    const m = diverged.maintainer;
    await m.switch('dev');
    await m.commit('hotfix on dev', { files: { 'hotfix.txt': 'x\n' } });
    await m.git.raw(['push', '--quiet', 'origin', 'dev']);
    const refs = await sandbox.refs(diverged.remote);
    const run = await bump(diverged, { 'fast-forward-from': 'master' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toContain('Cannot fast-forward dev to master: dev has commits that master lacks');
    expect(run.errors[0]!.message).toContain('hotfix on dev');
    expect(await sandbox.refs(diverged.remote)).toEqual(refs);
  });

  test('version files that disagree', async () => {
    const remote = await sandbox.bare('disagree');
    const repo = await sandbox.repo('disagree-dev', remote);
    await repo.commit('x', { files: { 'a.txt': 'version=1.0.0\n', 'b.txt': 'version=1.0.1\n' } });
    await repo.branch('dev');
    await repo.pushAll();
    const h = { remote, releaseBranch: 'main', mergeSha: await repo.git.head() } as History;
    const refs = await sandbox.refs(remote);
    const run = await bump(h, {
      rules: '- file: a.txt\n  pattern: "^version=(.+)$"\n- file: b.txt\n  pattern: "^version=(.+)$"\n',
    });
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: 'b.txt',
        line: 1,
        message: expect.stringContaining('The version files disagree: a.txt says 1.0.0 but b.txt says 1.0.1'),
      }),
    ]);
    expect(await sandbox.refs(remote)).toEqual(refs);
  });
});

describe('a protected dev branch: a pull request instead, through the API double', () => {
  let double: GitHubDouble;
  const GITHUB_TOKEN = 'ghs_bumpnextbetatoken0001';
  const PAT = 'github_pat_bumpnextbeta0001';
  beforeAll(async () => {
    double = await startGitHubDouble({ tokens: { [GITHUB_TOKEN]: {}, [PAT]: { kind: 'pat', login: 'shutdown' } } });
  });
  afterAll(async () => {
    await double.stop();
    requestTable('bump-next-beta');
  });
  afterEach(() => {
    double.assertNoViolations();
    // Answered as GitHub answers, and still no key of ours that GitHub would ignore.
    double.assertNothingIgnored();
  });

  /** A release history whose remote refuses pushes to dev as GitHub does for a protected branch. */
  async function protectedDev(name: string): Promise<History & { repository: string; unprotect: () => void }> {
    const history = await released(name);
    const unprotect = sandbox.protectBranch(history.remote, 'dev');
    const repository = `ThePorgs/${name}`;
    double.addRepo(repository, history.remote, { defaultBranch: 'master' });
    return { ...history, repository, unprotect };
  }

  async function counted(scenario: string, fn: () => Promise<ActionRun & { checkout: TestRepo }>) {
    double.resetCounts();
    const run = await fn();
    const requests = double.requests.map((r) => `${r.operationId} ${r.status}`);
    recordRequests('bump-next-beta', scenario, requests);
    return Object.assign(run, { requests });
  }

  test('the fast-forward and the bump go into one pull request; GITHUB_TOKEN cannot trigger its workflows, and says so', async () => {
    const h = await protectedDev('protected');
    const api = { double, repository: h.repository, token: GITHUB_TOKEN };
    const refs = await sandbox.refs(h.remote);
    const run = await counted('protected dev: pull request opened', () =>
      bump(h, { 'fast-forward-from': 'master' }, { api }),
    );
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const pr = double.state.pulls(h.repository)[0]!;
    expect(run.outputs).toMatchObject({
      operation: 'pull-request',
      pushed: 'true',
      'fast-forwarded': 'false',
      'next-version': '4.3.6b1',
      'pull-request-number': String(pr.number),
      'pull-request-url': `https://github.com/${h.repository}/pull/${pr.number}`,
      'triggers-workflows': 'false',
    });
    expect(run.requests).toEqual(['pulls/list 200', 'pulls/create 201']);
    expect(pr).toMatchObject({
      headRef: 'bump/4.3.6b1',
      baseRef: 'dev',
      title: 'Bump version to 4.3.6b1',
      state: 'open',
    });
    expect(pr.user.login).toBe('github-actions[bot]');
    expect(pr.body).toContain('Includes the fast-forward of `dev` to `master`');
    // dev and master did not move; the PR branch is the merge commit plus the bump.
    const after = await sandbox.refs(h.remote);
    expect(after['refs/heads/dev']).toBe(refs['refs/heads/dev']);
    expect(after['refs/heads/master']).toBe(refs['refs/heads/master']);
    const head = after['refs/heads/bump/4.3.6b1']!;
    expect(head).toBe(run.outputs['commit-sha']);
    expect(await sandbox.git(h.remote).out(['rev-parse', `${head}^`])).toBe(h.mergeSha);
    expect(await show(h, head, CONFIG)).toBe(constantConfig('4.3.6b1', 'module'));
    expect(run.stdout).toContain('dev is protected (error: GH006: Protected branch update failed for refs/heads/dev.)');
    expect(run.summary).toContain('GitHub does not run workflows on it');

    // Re-run: the same branch content and the same PR: nothing pushed, nothing opened.
    const again = await counted('protected dev: re-run', () => bump(h, { 'fast-forward-from': 'master' }, { api }));
    expect(again.errors).toEqual([]);
    expect(again.outputs).toMatchObject({
      operation: 'unchanged',
      pushed: 'false',
      'pull-request-number': String(pr.number),
    });
    expect(again.requests).toEqual(['pulls/list 200']);
    expect(await sandbox.refs(h.remote)).toEqual(after);
    expect(double.state.pulls(h.repository)).toHaveLength(1);
  });

  test('mode: pull-request with a personal token: its workflows run; a changed title updates the same PR', async () => {
    const h = await protectedDev('pr-mode');
    h.unprotect();
    const api = { double, repository: h.repository, token: PAT };
    const run = await bump(h, { mode: 'pull-request', 'fast-forward-from': 'master' }, { api });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ operation: 'pull-request', 'triggers-workflows': 'true' });
    expect((await sandbox.refs(h.remote))['refs/heads/dev']).toBe(h.devSha);
    expect(double.state.pulls(h.repository)[0]!.user.login).toBe('shutdown');
    const retitled = await bump(
      h,
      { mode: 'pull-request', 'fast-forward-from': 'master', 'pull-request-title': 'Next beta: {version}' },
      { api },
    );
    expect(retitled.outputs).toMatchObject({
      operation: 'pull-request',
      pushed: 'false',
      'pull-request-number': run.outputs['pull-request-number'],
    });
    expect(double.state.pulls(h.repository).map((p) => p.title)).toEqual(['Next beta: 4.3.6b1']);
  });

  test('a protected dev without a token: one clear error, nothing pushed', async () => {
    const h = await protectedDev('protected-no-token');
    const refs = await sandbox.refs(h.remote);
    const run = await bump(h, { 'fast-forward-from': 'master' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toContain(
      'Input "github-token": is empty, but dev is protected and a pull request must be opened',
    );
    expect(await sandbox.refs(h.remote)).toEqual(refs);
  });

  test.each([
    ['rebase', 3],
    ['squash', 1],
  ] as const)(
    'a release pull request merged by %s: dev cannot fast-forward, the error says why and how, nothing pushed',
    async (method, copies) => {
      const h = await released(`merged-by-${method}`, { merge: false });
      const [owner, repo] = ['ThePorgs', `merged-by-${method}`];
      double.addRepo(`${owner}/${repo}`, h.remote, { defaultBranch: 'master' });
      const pr = (await double.act('pulls/create', {
        owner,
        repo,
        head: 'dev',
        base: 'master',
        title: 'Release 4.3.5',
      })) as { number: number };
      const merged = (await double.act(
        'pulls/merge',
        { owner, repo, pull_number: pr.number, merge_method: method },
        { token: PAT },
      )) as { sha: string };
      const remote = sandbox.git(h.remote);
      // GitHub's answer: master holds copies, dev's own commits are not in it, and no merge commit.
      expect(await remote.out(['rev-parse', 'master'])).toBe(merged.sha);
      expect(await remote.out(['rev-list', '--count', '--merges', `${h.previousSha}..master`])).toBe('0');
      expect(Number(await remote.out(['rev-list', '--count', `${h.previousSha}..master`]))).toBe(copies);
      expect((await remote.raw(['merge-base', '--is-ancestor', h.devSha, 'master'], { allowFailure: true })).code).toBe(
        1,
      );
      expect(await remote.out(['rev-parse', 'master^{tree}'])).toBe(await remote.out(['rev-parse', 'dev^{tree}']));

      const refs = await sandbox.refs(h.remote);
      const run = await bump({ ...h, mergeSha: merged.sha }, { 'fast-forward-from': 'master' });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]!.message).toContain(
        "Cannot fast-forward dev to master: master has dev's changes as copies of its commits",
      );
      expect(run.errors[0]!.message).toContain(
        `git push --force-with-lease=dev:${h.devSha} origin ${merged.sha}:refs/heads/dev`,
      );
      expect(await sandbox.refs(h.remote)).toEqual(refs);
    },
  );
});
