// Pull requests, labels and comments, over real branches.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { startGitHubDouble, type GitHubDouble } from './index.ts';
import { expectFailure, type GitHubErrorBody, makeBareRepo, type BareFixture } from './test-helpers.ts';

const owner = 'ThePorgs';
let double: GitHubDouble;
const fixtures: BareFixture[] = [];
let octokit: ReturnType<typeof getOctokit>;
let repo: string;
let fixture: BareFixture;
let repoCount = 0;

beforeAll(async () => {
  double = await startGitHubDouble({ tokens: { bot: {}, maintainer: { kind: 'pat', login: 'Dramelac' } } });
  octokit = getOctokit('bot', { baseUrl: double.url });
});

beforeEach(async () => {
  fixture = await makeBareRepo();
  fixtures.push(fixture);
  await fixture.commit('main', 'Initial commit');
  await fixture.commit('dev', 'Bump to 5.1.5b1', { from: 'main' });
  repo = `Exegol-${++repoCount}`;
  double.addRepo(`${owner}/${repo}`, fixture.gitDir);
  double.clearViolations();
});

afterAll(async () => {
  await double.stop();
  fixtures.forEach((f) => f.cleanup());
});

type GitHubError = NonNullable<GitHubErrorBody['errors']>[number];

/** The error answer's body and status; its `errors` are read as GitHub's 422 answers carry them. */
async function failure(
  promise: Promise<unknown>,
): Promise<GitHubErrorBody & { status: number; errors: GitHubError[] & { 0: GitHubError } }> {
  const { data, status } = await expectFailure(promise);
  return { ...data, status, errors: data.errors as GitHubError[] & { 0: GitHubError } };
}

describe('pull requests', () => {
  it('creates, lists with filters, and refuses a duplicate', async () => {
    const created = await octokit.rest.pulls.create({ owner, repo, head: 'dev', base: 'main', title: 'Release 5.1.5' });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 1,
      state: 'open',
      title: 'Release 5.1.5',
      draft: false,
      merged: false,
      head: { ref: 'dev', label: `${owner}:dev`, sha: await fixture.git('rev-parse', 'dev') },
      base: { ref: 'main', sha: await fixture.git('rev-parse', 'main') },
      html_url: `https://github.com/${owner}/${repo}/pull/1`,
      user: { login: 'github-actions[bot]' },
    });

    const dup = await failure(
      octokit.rest.pulls.create({ owner, repo, head: `${owner}:dev`, base: 'main', title: 'Again' }),
    );
    expect(dup.status).toBe(422);
    expect(dup.errors).toEqual([
      { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:dev.` },
    ]);

    const listed = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:dev`, base: 'main' });
    expect(listed.data.map((p) => p.number)).toEqual([1]);
    expect((await octokit.rest.pulls.list({ owner, repo, base: 'dev' })).data).toEqual([]);
    expect((await octokit.rest.pulls.list({ owner, repo, state: 'closed' })).data).toEqual([]);
    double.assertNoViolations();
  });

  it('follows the head branch as it moves', async () => {
    const { data: pr } = await octokit.rest.pulls.create({ owner, repo, head: 'dev', base: 'main', title: 'Release' });
    const moved = await fixture.commit('dev', 'Drop beta suffix');
    expect((await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number })).data.head.sha).toBe(moved);
  });

  it('flags a head filter without "owner:", which GitHub silently ignores', async () => {
    await octokit.rest.pulls.create({ owner, repo, head: 'dev', base: 'main', title: 'Release' });
    const listed = await octokit.rest.pulls.list({ owner, repo, head: 'some-other-branch' });
    expect(listed.data).toHaveLength(1); // what GitHub does
    expect(double.violations[0]?.message).toMatch(/no "owner:" prefix/);
  });

  it('refuses a missing branch and a head with nothing to merge', async () => {
    const missing = await failure(octokit.rest.pulls.create({ owner, repo, head: 'nope', base: 'main', title: 't' }));
    expect(missing.errors).toEqual([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
    await fixture.git('update-ref', 'refs/heads/same', await fixture.git('rev-parse', 'main'));
    const empty = await failure(octokit.rest.pulls.create({ owner, repo, head: 'same', base: 'main', title: 't' }));
    expect(empty.errors[0].message).toBe('No commits between main and same');
  });

  it('updates title and state, and merges with a real merge commit', async () => {
    const { data: pr } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: 'dev',
      base: 'main',
      title: 'WIP',
      draft: true,
    });
    const updated = await octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, title: 'Release 5.1.5' });
    expect(updated.data.title).toBe('Release 5.1.5');

    const devSha = await fixture.git('rev-parse', 'dev');
    const mainSha = await fixture.git('rev-parse', 'main');
    const merged = await octokit.rest.pulls.merge({ owner, repo, pull_number: pr.number, sha: devSha });
    expect(merged.data.merged).toBe(true);
    expect(await fixture.git('rev-parse', 'main')).toBe(merged.data.sha);
    expect(await fixture.git('log', '-1', '--format=%P%n%s', 'main')).toBe(
      `${mainSha} ${devSha}\nMerge pull request #1 from ${owner}/dev`,
    );
    const after = await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number });
    expect(after.data).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: merged.data.sha });
    expect((await failure(octokit.rest.pulls.merge({ owner, repo, pull_number: pr.number }))).status).toBe(405);
  });
});

describe('labels and comments on pull requests', () => {
  it('adds labels (creating them) and lists them', async () => {
    const { data: pr } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: 'dev',
      base: 'main',
      title: 'Resources update',
    });
    const maintainer = getOctokit('maintainer', { baseUrl: double.url });
    const { data } = await maintainer.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: ['bot'] });
    expect(data.map((l) => l.name)).toEqual(['bot']);
    // Labels set with a personal token trigger workflows; the request log says who acted.
    expect(double.requests.filter((r) => r.operationId === 'issues/add-labels').map((r) => r.login)).toEqual([
      'Dramelac',
    ]);
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: ['bot', 'release'] });
    expect(double.state.labels(`${owner}/${repo}`, pr.number)).toEqual(['bot', 'release']);
    expect(
      (await octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: pr.number })).data.map((l) => l.name),
    ).toEqual(['bot', 'release']);
    expect(
      (await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number })).data.labels.map((l) => l.name),
    ).toEqual(['bot', 'release']);
    expect(
      (await failure(octokit.rest.issues.addLabels({ owner, repo, issue_number: 99, labels: ['x'] }))).status,
    ).toBe(404);
  });

  it('creates, lists and updates comments', async () => {
    const { data: pr } = await octokit.rest.pulls.create({ owner, repo, head: 'dev', base: 'main', title: 'Release' });
    const { data: comment } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: pr.number,
      body: 'Checks: 1 failed',
    });
    expect(comment.html_url).toBe(`https://github.com/${owner}/${repo}/pull/${pr.number}#issuecomment-${comment.id}`);
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body: 'Checks: all passed' });
    const { data: comments } = await octokit.rest.issues.listComments({ owner, repo, issue_number: pr.number });
    expect(comments.map((c) => c.body)).toEqual(['Checks: all passed']);
    expect(double.state.comments(`${owner}/${repo}`, pr.number)).toHaveLength(1);
  });
});

describe('forks', () => {
  it('merge-upstream fast-forwards a fork branch from its upstream', async () => {
    const fork = await makeBareRepo();
    fixtures.push(fork);
    await fork.git('fetch', '--quiet', fixture.gitDir, 'refs/heads/main:refs/heads/main');
    double.addRepo('someone/Exegol', fork.gitDir, { upstream: `${owner}/${repo}` });
    const upstreamHead = await fixture.commit('main', 'Upstream change');
    const { data } = await octokit.rest.repos.mergeUpstream({ owner: 'someone', repo: 'Exegol', branch: 'main' });
    expect(data).toMatchObject({ merge_type: 'fast-forward', base_branch: `${owner}:main` });
    expect(await fork.git('rev-parse', 'main')).toBe(upstreamHead);
    expect(
      (await octokit.rest.repos.mergeUpstream({ owner: 'someone', repo: 'Exegol', branch: 'main' })).data.merge_type,
    ).toBe('none');
  });
});

describe('pull requests from forks (cross-repository)', () => {
  async function makeFork(login: string) {
    const fork = await makeBareRepo();
    fixtures.push(fork);
    await fork.git('fetch', '--quiet', fixture.gitDir, 'refs/heads/main:refs/heads/main');
    double.addRepo(`${login}/${repo}`, fork.gitDir, { upstream: `${owner}/${repo}` });
    return fork;
  }

  it('opens one from user:branch, shows head.repo as the fork, keeps its commits at refs/pull/N/head', async () => {
    const fork = await makeFork('contributor');
    const forkSha = await fork.commit('dev', 'Fix the docs link', { from: 'main' });
    const { data: pr } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: 'contributor:dev',
      base: 'main',
      title: 'Fix the docs link',
    });
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number });
    expect(data.head).toMatchObject({
      label: 'contributor:dev',
      ref: 'dev',
      sha: forkSha,
      user: { login: 'contributor' },
      repo: { full_name: `contributor/${repo}`, fork: true, owner: { login: 'contributor' } },
    });
    expect(data.base).toMatchObject({
      label: `${owner}:main`,
      ref: 'main',
      repo: { full_name: `${owner}/${repo}`, fork: false },
    });
    expect(await fixture.git('rev-parse', `refs/pull/${pr.number}/head`)).toBe(forkSha);

    // The filter is `user:branch`: the base repository's own dev is another head.
    expect((await octokit.rest.pulls.list({ owner, repo, head: 'contributor:dev' })).data.map((p) => p.number)).toEqual(
      [pr.number],
    );
    expect((await octokit.rest.pulls.list({ owner, repo, head: `${owner}:dev` })).data).toEqual([]);
    const dup = await failure(
      octokit.rest.pulls.create({ owner, repo, head: 'contributor:dev', base: 'main', title: 'Again' }),
    );
    expect(dup.errors[0].message).toBe('A pull request already exists for contributor:dev.');

    // A push to the fork's branch moves the pull request.
    const moved = await fork.commit('dev', 'Fix another link');
    expect((await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number })).data.head.sha).toBe(moved);
    expect(await fixture.git('rev-parse', `refs/pull/${pr.number}/head`)).toBe(moved);

    const merged = await octokit.rest.pulls.merge({ owner, repo, pull_number: pr.number });
    expect(await fixture.git('log', '-1', '--format=%P%n%s', 'main')).toBe(
      `${await fixture.git('rev-parse', 'main^1')} ${moved}\nMerge pull request #${pr.number} from contributor/dev`,
    );
    expect(merged.data.sha).toBe(await fixture.git('rev-parse', 'main'));
    double.assertNoViolations();
  });

  it('refuses a head owner with no fork in the network', async () => {
    const err = await failure(
      octokit.rest.pulls.create({ owner, repo, head: 'stranger:dev', base: 'main', title: 't' }),
    );
    expect(err.status).toBe(422);
    expect(err.errors).toEqual([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  });
});

describe('merge methods', () => {
  it('rebase: new commits on the base branch, no merge commit, merge_commit_sha the new tip', async () => {
    const second = await fixture.commit('dev', 'Drop beta suffix', { author: 'Shutdown <shutdown@example.com>' });
    const first = await fixture.git('rev-parse', 'dev^');
    const mainMoved = await fixture.commit('main', 'Hotfix on main');
    const { data: pr } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: 'dev',
      base: 'main',
      title: 'Release 5.1.5',
    });
    const { data } = await octokit.rest.pulls.merge({ owner, repo, pull_number: pr.number, merge_method: 'rebase' });
    const tip = await fixture.git('rev-parse', 'main');
    expect(data).toEqual({ sha: tip, merged: true, message: 'Pull Request successfully merged' });
    const log = (await fixture.git('log', '--format=%H|%P|%s|%an|%cn <%ce>', `${mainMoved}..main`))
      .split('\n')
      .map((l) => l.split('|'));
    expect(log.map(([, , subject, author, committer]) => [subject, author, committer])).toEqual([
      ['Drop beta suffix', 'Shutdown', 'GitHub <noreply@github.com>'],
      ['Bump to 5.1.5b1', 'Dev Eloper', 'GitHub <noreply@github.com>'],
    ]);
    expect(log.every(([, parents]) => parents!.split(' ').length === 1)).toBe(true); // linear: no merge commit
    expect(log[1]![1]).toBe(mainMoved);
    expect(log.map(([sha]) => sha)).not.toContain(second);
    expect(log.map(([sha]) => sha)).not.toContain(first);
    expect(await fixture.git('rev-parse', 'main^{tree}')).not.toBe(await fixture.git('rev-parse', 'dev^{tree}')); // main's hotfix kept
    const { data: after } = await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number });
    expect(after).toMatchObject({
      state: 'closed',
      merged: true,
      merge_commit_sha: tip,
      commits: 2,
      head: { sha: second },
    });

    // Generated notes find the pull request through its rebased copies.
    const { data: notes } = await octokit.rest.repos.generateReleaseNotes({
      owner,
      repo,
      tag_name: '5.1.5',
      target_commitish: 'main',
    });
    expect(notes.body).toContain(
      `* Release 5.1.5 by @github-actions[bot] in https://github.com/${owner}/${repo}/pull/${pr.number}`,
    );
  });

  it('rebase rewrites the commits even when the base has not moved (GitHub always makes new shas)', async () => {
    const head = await fixture.git('rev-parse', 'dev');
    const { data: pr } = await octokit.rest.pulls.create({ owner, repo, head: 'dev', base: 'main', title: 'Release' });
    const { data } = await octokit.rest.pulls.merge({ owner, repo, pull_number: pr.number, merge_method: 'rebase' });
    expect(data.sha).not.toBe(head);
    expect(await fixture.git('rev-parse', `${data.sha}^{tree}`)).toBe(await fixture.git('rev-parse', `${head}^{tree}`));
    expect(await fixture.git('log', '-1', '--format=%cn', data.sha)).toBe('GitHub');
  });

  it('rebase that does not apply answers 405 and changes nothing', async () => {
    await fixture.commit('dev', 'Change the file on dev', { files: { 'shared.txt': 'dev\n' } });
    const mainBefore = await fixture.commit('main', 'Change the file on main', { files: { 'shared.txt': 'main\n' } });
    const { data: pr } = await octokit.rest.pulls.create({ owner, repo, head: 'dev', base: 'main', title: 'Release' });
    const err = await failure(
      octokit.rest.pulls.merge({ owner, repo, pull_number: pr.number, merge_method: 'rebase' }),
    );
    expect(err.status).toBe(405);
    expect(await fixture.git('rev-parse', 'main')).toBe(mainBefore);
    expect((await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number })).data).toMatchObject({
      state: 'open',
      merged: false,
    });
    expect(await fixture.git('worktree', 'list', '--porcelain')).not.toContain('github-double-rebase-');
  });

  it('squash: one commit on the base branch with the commit title and (#N), merge_commit_sha that commit', async () => {
    const mainBefore = await fixture.git('rev-parse', 'main');
    const { data: pr } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: 'dev',
      base: 'main',
      title: 'Release 5.1.5',
    });
    const { data } = await octokit.rest.pulls.merge({ owner, repo, pull_number: pr.number, merge_method: 'squash' });
    expect(await fixture.git('log', '-1', '--format=%P%n%s', 'main')).toBe(
      `${mainBefore}\nBump to 5.1.5b1 (#${pr.number})`,
    );
    expect(await fixture.git('rev-parse', 'main^{tree}')).toBe(await fixture.git('rev-parse', 'dev^{tree}'));
    const { data: after } = await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number });
    expect(after).toMatchObject({ merged: true, merge_commit_sha: data.sha });
    const { data: notes } = await octokit.rest.repos.generateReleaseNotes({
      owner,
      repo,
      tag_name: '5.1.5',
      target_commitish: 'main',
    });
    expect(notes.body).toContain(
      `* Release 5.1.5 by @github-actions[bot] in https://github.com/${owner}/${repo}/pull/${pr.number}`,
    );
  });
});
