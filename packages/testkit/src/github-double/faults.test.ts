// Fault injection and request counting.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { faults, startGitHubDouble, type GitHubDouble } from './index.ts';
import {
  expectFailure,
  type GitHubErrorBody,
  type RequestFailure,
  makeBareRepo,
  type BareFixture,
} from './test-helpers.ts';

const owner = 'ThePorgs';
const repo = 'Exegol-images';
let double: GitHubDouble;
let fixture: BareFixture;
let octokit: ReturnType<typeof getOctokit>;

beforeAll(async () => {
  fixture = await makeBareRepo();
  await fixture.commit('main', 'Initial commit');
  double = await startGitHubDouble({ repos: { [`${owner}/${repo}`]: { gitDir: fixture.gitDir } }, tokens: { t: {} } });
  // Plain Octokit (no retry plugin): every response is seen as it is.
  octokit = getOctokit('t', { baseUrl: double.url });
});

beforeEach(() => {
  double.clearFaults();
  double.resetCounts();
});

afterAll(async () => {
  await double.stop();
  fixture.cleanup();
});

async function failure(
  promise: Promise<unknown>,
): Promise<{ headers: RequestFailure['headers']; data: GitHubErrorBody; status: number }> {
  const { headers, data, status } = await expectFailure(promise);
  return { headers, data, status };
}

describe('fault injection', () => {
  it('answers a rate limit with retry-after the given number of times, then serves normally', async () => {
    const handle = double.injectFault({ operationId: 'repos/get', times: 1, ...faults.rateLimit(1) });
    const err = await failure(octokit.rest.repos.get({ owner, repo }));
    expect(err.status).toBe(429);
    expect(err.headers['retry-after']).toBe('1');
    expect(err.headers['x-ratelimit-remaining']).toBe('0');
    expect((await octokit.rest.repos.get({ owner, repo })).status).toBe(200);
    expect(handle).toMatchObject({ hits: 1, remaining: 0 });
    expect(double.count({ operationId: 'repos/get' })).toBe(2);
    expect(double.count({ operationId: 'repos/get', status: 429 })).toBe(1);
    expect(double.requests[0]).toMatchObject({
      method: 'GET',
      path: `/repos/${owner}/${repo}`,
      faulted: true,
      status: 429,
    });
    // Injected faults are GitHub behaviour, not mistakes of the caller.
    expect(double.violations).toEqual([]);
  });

  it('matches on method and path too, and offers the usual GitHub failures', async () => {
    double.injectFault({ method: 'GET', path: /\/releases\/latest$/, times: 3, ...faults.serverError(503) });
    double.injectFault({ operationId: 'repos/list-tags', ...faults.secondaryRateLimit(2) });
    double.injectFault({ operationId: 'git/get-ref', ...faults.notFound() });
    double.injectFault({ operationId: 'repos/create-release', ...faults.forbidden('contents=write') });
    for (let i = 0; i < 3; i++)
      expect((await failure(octokit.rest.repos.getLatestRelease({ owner, repo }))).status).toBe(503);
    const secondary = await failure(octokit.rest.repos.listTags({ owner, repo }));
    expect(secondary).toMatchObject({ status: 403, headers: { 'retry-after': '2' } });
    expect(secondary.data.message).toMatch(/secondary rate limit/);
    expect((await failure(octokit.rest.git.getRef({ owner, repo, ref: 'heads/main' }))).status).toBe(404);
    const forbidden = await failure(octokit.rest.repos.createRelease({ owner, repo, tag_name: '1.0.0' }));
    expect(forbidden.headers['x-accepted-github-permissions']).toBe('contents=write');
    expect(double.count()).toBe(6);
  });

  it('lets a hook change the state first, so a run meets what a concurrent run just did', async () => {
    double.injectFault({
      operationId: 'repos/create-release',
      before: (d) => d.act('repos/create-release', { owner, repo, tag_name: '2.0.0', name: 'made by the other run' }),
    });
    const err = await failure(octokit.rest.repos.createRelease({ owner, repo, tag_name: '2.0.0' }));
    expect(err.status).toBe(422);
    expect(err.data.errors).toEqual([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
    const winner = await octokit.rest.repos.getReleaseByTag({ owner, repo, tag: '2.0.0' });
    expect(winner.data.name).toBe('made by the other run');
    // The hook's own work is not counted as a request.
    expect(double.count({ operationId: 'repos/create-release' })).toBe(1);
  });

  it('validates act() parameters like a request', async () => {
    await expect(double.act('repos/create-release', { owner, repo, tag_nam: 'x' })).rejects.toThrow(
      /"tag_nam" is not a permitted key/,
    );
  });
});
