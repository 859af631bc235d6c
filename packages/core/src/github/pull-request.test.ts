// openOrUpdatePullRequest against the GitHub API double: one pull request per head branch.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startGitHubDouble, type GitHubDouble } from '../../../testkit/src/github-double/index.ts';
import { makeBareRepo, type BareFixture } from '../../../testkit/src/github-double/test-helpers.ts';
import { getGitHubClient, openOrUpdatePullRequest, type GitHubClient } from './index.ts';

const repository = 'ThePorgs/Exegol-resources';
let double: GitHubDouble;
let fixture: BareFixture;
let client: GitHubClient;

beforeAll(async () => {
  fixture = await makeBareRepo();
  await fixture.commit('main', 'Initial commit');
  // Strict: openOrUpdatePullRequest builds the requests, and GitHub would silently drop a
  // misspelt key (a lost `draft`); here it is refused, so the test sees it.
  double = await startGitHubDouble({
    strict: true,
    repos: { [repository]: { gitDir: fixture.gitDir } },
    tokens: { ghs_writer: {}, ghs_reader: { permissions: { contents: 'read', pull_requests: 'read' } } },
  });
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  client = await getGitHubClient({ token: 'ghs_writer', baseUrl: double.url });
});

beforeEach(() => double.resetCounts());
afterEach(() => double.assertNoViolations());
afterAll(async () => {
  jest.restoreAllMocks();
  await double.stop();
  fixture.cleanup();
});

const base = { repository, base: 'main', title: 'Resources update 01-Dec-26', body: 'first', labels: ['bot'] };

describe('openOrUpdatePullRequest', () => {
  it('opens one, then finds it: unchanged, or updated with the missing labels added', async () => {
    await fixture.commit('update/one', 'updating resources', { from: 'main' });
    const created = await openOrUpdatePullRequest(client, { ...base, head: 'update/one' });
    expect(created).toMatchObject({ operation: 'created', labelsAdded: ['bot'] });
    expect(created.url).toMatch(/\/pull\/\d+$/);
    expect(double.count()).toBe(3);
    expect(double.state.labels(repository, created.number)).toEqual(['bot']);

    double.resetCounts();
    expect(await openOrUpdatePullRequest(client, { ...base, head: 'update/one' })).toEqual({
      ...created,
      operation: 'unchanged',
      labelsAdded: [],
    });
    expect(double.count()).toBe(1);

    double.resetCounts();
    const updated = await openOrUpdatePullRequest(client, {
      ...base,
      head: 'update/one',
      body: 'second',
      labels: ['bot', 'dependencies'],
    });
    expect(updated).toMatchObject({ number: created.number, operation: 'updated', labelsAdded: ['dependencies'] });
    expect(double.count({ operationId: 'pulls/update' })).toBe(1);
    const pulls = double.state.pulls(repository).filter((p) => p.headRef === 'update/one');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ title: base.title, body: 'second', state: 'open' });
  });

  it('another run opening it first: the 422 is answered by updating that one', async () => {
    await fixture.commit('update/race', 'updating resources', { from: 'main' });
    double.injectFault({
      operationId: 'pulls/create',
      before: (d) =>
        d.act('pulls/create', {
          owner: 'ThePorgs',
          repo: 'Exegol-resources',
          head: 'update/race',
          base: 'main',
          title: 'theirs',
          body: 'theirs',
        }),
    });
    const out = await openOrUpdatePullRequest(client, { ...base, head: 'update/race' });
    expect(out.operation).toBe('updated');
    const pulls = double.state.pulls(repository).filter((p) => p.headRef === 'update/race');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ number: out.number, title: base.title, body: 'first' });
  });

  it('a closed pull request for the same branch is not reused', async () => {
    await fixture.commit('update/closed', 'updating resources', { from: 'main' });
    const first = await openOrUpdatePullRequest(client, { ...base, head: 'update/closed' });
    await double.act('pulls/update', {
      owner: 'ThePorgs',
      repo: 'Exegol-resources',
      pull_number: first.number,
      state: 'closed',
    });
    const second = await openOrUpdatePullRequest(client, { ...base, head: 'update/closed' });
    expect(second.operation).toBe('created');
    expect(second.number).not.toBe(first.number);
  });

  it("a token without the permission fails with GitHub's 403", async () => {
    await fixture.commit('update/denied', 'updating resources', { from: 'main' });
    const reader = await getGitHubClient({ token: 'ghs_reader', baseUrl: double.url });
    await expect(openOrUpdatePullRequest(reader, { ...base, head: 'update/denied' })).rejects.toMatchObject({
      status: 403,
    });
    expect(double.state.pulls(repository).filter((p) => p.headRef === 'update/denied')).toEqual([]);
  });
});
