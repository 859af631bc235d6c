// Refs, tags and commits: what the API says is what git sees in the bare repository, both ways.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { startGitHubDouble, type GitHubDouble } from './index.ts';
import { requestFailure, makeBareRepo, type BareFixture } from './test-helpers.ts';

const owner = 'ThePorgs';
const repo = 'Exegol-docs';
let double: GitHubDouble;
let fixture: BareFixture;
let octokit: ReturnType<typeof getOctokit>;
let first: string;
let second: string;

beforeAll(async () => {
  fixture = await makeBareRepo();
  first = await fixture.commit('main', 'First');
  second = await fixture.commit('main', 'Second');
  double = await startGitHubDouble({ repos: { [`${owner}/${repo}`]: { gitDir: fixture.gitDir } }, tokens: { t: {} } });
  octokit = getOctokit('t', { baseUrl: double.url });
});

afterEach(() => double.assertNoViolations());

afterAll(async () => {
  await double.stop();
  fixture.cleanup();
});

async function status(promise: Promise<unknown>): Promise<{ status: number; message?: string }> {
  const failure = await requestFailure(promise);
  return failure ? { status: failure.status, message: failure.data.message } : { status: 0 };
}

describe('git refs', () => {
  it('creates refs git sees, and reports refs git made', async () => {
    const created = await octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/dev', sha: first });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ ref: 'refs/heads/dev', object: { type: 'commit', sha: first } });
    expect(await fixture.git('rev-parse', 'refs/heads/dev')).toBe(first);

    await fixture.git('update-ref', 'refs/heads/dev-images', second);
    const { data } = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/dev-images' });
    expect(data.object.sha).toBe(second);
    const matching = await octokit.rest.git.listMatchingRefs({ owner, repo, ref: 'heads/dev' });
    expect(matching.data.map((r) => r.ref)).toEqual(['refs/heads/dev', 'refs/heads/dev-images']);
    expect((await status(octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/dev', sha: first }))).message).toBe(
      'Reference already exists',
    );
    expect(
      (await status(octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/x', sha: 'f'.repeat(40) }))).message,
    ).toBe('Object does not exist');
  });

  it('fast-forwards, refuses a non fast forward, and honours force', async () => {
    await fixture.git('update-ref', 'refs/heads/ff', first);
    await octokit.rest.git.updateRef({ owner, repo, ref: 'heads/ff', sha: second });
    expect(await fixture.git('rev-parse', 'refs/heads/ff')).toBe(second);
    const refused = await status(octokit.rest.git.updateRef({ owner, repo, ref: 'heads/ff', sha: first }));
    expect(refused).toEqual({ status: 422, message: 'Update is not a fast forward' });
    expect(await fixture.git('rev-parse', 'refs/heads/ff')).toBe(second);
    await octokit.rest.git.updateRef({ owner, repo, ref: 'heads/ff', sha: first, force: true });
    expect(await fixture.git('rev-parse', 'refs/heads/ff')).toBe(first);
  });

  it('deletes refs, and answers 404/422 for refs that vanished', async () => {
    await fixture.git('update-ref', 'refs/heads/gone', first);
    expect((await octokit.rest.git.deleteRef({ owner, repo, ref: 'heads/gone' })).status).toBe(204);
    expect(await fixture.git('for-each-ref', 'refs/heads/gone')).toBe('');
    expect((await status(octokit.rest.git.getRef({ owner, repo, ref: 'heads/gone' }))).status).toBe(404);
    expect(await status(octokit.rest.git.deleteRef({ owner, repo, ref: 'heads/gone' }))).toEqual({
      status: 422,
      message: 'Reference does not exist',
    });
  });

  it('flags the classic mistake of passing "refs/heads/…" where GitHub wants "heads/…"', async () => {
    expect((await status(octokit.rest.git.getRef({ owner, repo, ref: 'refs/heads/main' }))).status).toBe(404);
    expect(double.violations.map((v) => v.message)).toEqual([expect.stringContaining('starts with "refs/"')]);
    double.clearViolations();
  });

  it('accepts ref names with slashes whether or not the client encodes them', async () => {
    await fixture.git('update-ref', 'refs/heads/update/1700000000', first);
    const encoded = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/update/1700000000' });
    const raw = await octokit.request(`GET /repos/${owner}/${repo}/git/ref/heads/update/1700000000`);
    expect(raw.data).toEqual(encoded.data);
    expect((await octokit.rest.repos.getBranch({ owner, repo, branch: 'update/1700000000' })).data.commit.sha).toBe(
      first,
    );
  });
});

describe('annotated tags and commits', () => {
  it('writes a real annotated tag object that git reads back', async () => {
    const tag = await octokit.rest.git.createTag({
      owner,
      repo,
      tag: '5.1.4',
      message: '5.1.4',
      object: second,
      type: 'commit',
      tagger: { name: 'Shutdown', email: 'shutdown@example.com', date: '2026-11-01T10:00:00Z' },
    });
    expect(tag.data).toMatchObject({ tag: '5.1.4', message: '5.1.4\n', object: { type: 'commit', sha: second } });
    await octokit.rest.git.createRef({ owner, repo, ref: 'refs/tags/5.1.4', sha: tag.data.sha });
    expect(await fixture.git('cat-file', '-t', '5.1.4')).toBe('tag');
    expect(await fixture.git('rev-parse', '5.1.4^{commit}')).toBe(second);
    expect(
      await fixture.git('for-each-ref', '--format=%(taggername) %(taggerdate:iso-strict)', 'refs/tags/5.1.4'),
    ).toBe('Shutdown 2026-11-01T10:00:00+00:00');

    const read = await octokit.rest.git.getTag({ owner, repo, tag_sha: tag.data.sha });
    expect(read.data.tagger).toEqual({ name: 'Shutdown', email: 'shutdown@example.com', date: '2026-11-01T10:00:00Z' });
    const ref = await octokit.rest.git.getRef({ owner, repo, ref: 'tags/5.1.4' });
    expect(ref.data.object).toMatchObject({ type: 'tag', sha: tag.data.sha });
    const tags = await octokit.rest.repos.listTags({ owner, repo });
    expect(tags.data.find((t) => t.name === '5.1.4')?.commit.sha).toBe(second);
  });

  it('reads commits the git way and the repos way', async () => {
    const git = await octokit.rest.git.getCommit({ owner, repo, commit_sha: second });
    expect(git.data).toMatchObject({ sha: second, message: 'Second', parents: [{ sha: first }] });
    const viaBranch = await octokit.rest.repos.getCommit({ owner, repo, ref: 'main' });
    expect(viaBranch.data).toMatchObject({
      sha: second,
      commit: { message: 'Second', author: { name: 'Dev Eloper' } },
    });
    expect((await status(octokit.rest.repos.getCommit({ owner, repo, ref: 'nope' }))).status).toBe(422);
  });

  it('compares two revisions', async () => {
    await fixture.commit('side', 'Side work', { from: first });
    const { data } = await octokit.rest.repos.compareCommits({ owner, repo, base: 'main', head: 'side' });
    expect(data).toMatchObject({
      status: 'diverged',
      ahead_by: 1,
      behind_by: 1,
      total_commits: 1,
      merge_base_commit: { sha: first },
    });
    expect(data.commits.map((c) => c.commit.message)).toEqual(['Side work']);
    const basehead = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${first}...main` });
    expect(basehead.data).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0 });
  });
});
