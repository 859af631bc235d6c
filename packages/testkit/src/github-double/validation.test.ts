// The gate: requests GitHub would refuse (or silently misread) are refused and recorded.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startGitHubDouble, type GitHubDouble } from './index.ts';
import { makeBareRepo, type BareFixture } from './test-helpers.ts';

const owner = 'ThePorgs';
const repo = 'Exegol';
let double: GitHubDouble;
let fixture: BareFixture;

beforeAll(async () => {
  fixture = await makeBareRepo();
  await fixture.commit('main', 'Initial commit');
  double = await startGitHubDouble({
    repos: { [`${owner}/${repo}`]: { gitDir: fixture.gitDir } },
    tokens: {
      writer: {},
      reader: { permissions: { contents: 'read', pull_requests: 'read' } },
      'other-repo': { kind: 'pat', repositories: ['ThePorgs/Exegol-images'] },
    },
  });
});

afterAll(async () => {
  await double.stop();
  fixture.cleanup();
});

const client = (token = 'writer') => getOctokit(token, { baseUrl: double.url });

async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string; headers: Record<string, string>; data: any }> {
  try {
    await promise;
  } catch (e: any) {
    return { status: e.status, message: e.message, headers: e.response?.headers ?? {}, data: e.response?.data };
  }
  throw new Error('the request succeeded');
}

describe('request validation against GitHub OpenAPI description', () => {
  it('refuses a misspelt body field with 422 naming it, and records the violation', async () => {
    double.clearViolations();
    const err = await failure(
      client().request('POST /repos/{owner}/{repo}/releases', { owner, repo, tag_name: '1.0.0', draf: true } as never),
    );
    expect(err.status).toBe(422);
    expect(err.data.message).toBe('Invalid request.\n\n"draf" is not a permitted key.');
    expect(err.data.documentation_url).toBe('https://docs.github.com/rest/releases/releases#create-a-release');
    expect(double.violations).toHaveLength(1);
    expect(double.violations[0]).toMatchObject({ operationId: 'repos/create-release', status: 422 });
    expect(() => double.assertNoViolations()).toThrow(/"draf" is not a permitted key/);
    // Nothing was created: the refused request had no effect.
    expect(double.state.releases(`${owner}/${repo}`)).toHaveLength(0);
  });

  it('names a missing required field and a wrong type', async () => {
    const err = await failure(client().request('POST /repos/{owner}/{repo}/releases', { owner, repo, tag_nam: '1.0.0', draft: 'yes' } as never));
    expect(err.status).toBe(422);
    expect(err.data.message).toContain(`"tag_name" wasn't supplied.`);
    expect(err.data.message).toContain(`"tag_nam" is not a permitted key.`);
    expect(err.data.message).toContain(`For 'properties/draft', "yes" is not a boolean.`);
  });

  it('checks nested objects and enums too', async () => {
    const err = await failure(
      client().rest.git.createTag({ owner, repo, tag: 'v1', message: 'm', object: 'abc', type: 'commit', tagger: { name: 'a', email: 'a@b', when: 'now' } } as never),
    );
    expect(err.data.message).toContain(`"when" is not a permitted key in 'tagger'.`);
    const enumErr = await failure(client().rest.repos.createRelease({ owner, repo, tag_name: 'x', make_latest: 'yes' as never }));
    expect(enumErr.data.message).toContain(`For 'properties/make_latest', "yes" is not a member of ["true","false","legacy"].`);
  });

  it('refuses unknown query parameters and wrong query types', async () => {
    const err = await failure(client().request('GET /repos/{owner}/{repo}/releases', { owner, repo, per_page: 'many', pre_page: 2 } as never));
    expect(err.status).toBe(422);
    expect(err.data.message).toContain(`For 'query/per_page', "many" is not an integer.`);
    expect(err.data.message).toContain(`"pre_page" is not a query parameter`);
  });

  it('answers 404 like GitHub for a route GitHub does not have', async () => {
    double.clearViolations();
    const err = await failure(client().request('GET /repos/{owner}/{repo}/releasez', { owner, repo }));
    expect(err.status).toBe(404);
    expect(err.data).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    expect(double.violations[0]?.message).toBe('GitHub has no such route.');
  });

  it('answers 404 for a method GitHub does not have on an existing path', async () => {
    double.clearViolations();
    const err = await failure(client().request('PUT /repos/{owner}/{repo}/releases', { owner, repo }));
    expect(err.status).toBe(404);
    expect(double.violations[0]?.message).toBe('GitHub has no PUT on this path (only GET, POST).');
  });

  it('answers 501 naming the operation for a real GitHub route it does not implement', async () => {
    const err = await failure(client().rest.repos.listBranches({ owner, repo }));
    expect(err.status).toBe(501);
    expect(err.data.message).toContain('repos/list-branches');
  });

  it('only serves asset uploads under /uploads, as GitHub only serves them on uploads.github.com', async () => {
    double.clearViolations();
    const err = await failure(client().request('POST /repos/{owner}/{repo}/releases/{release_id}/assets', { owner, repo, release_id: 1, name: 'a', data: 'x' }));
    expect(err.status).toBe(404);
    expect(double.violations[0]?.message).toMatch(/upload_url/);
  });

  it('answers 401 Bad credentials for an unknown token and "Requires authentication" for none', async () => {
    expect((await failure(client('nope').rest.repos.get({ owner, repo }))).data.message).toBe('Bad credentials');
    const anonymous = await fetch(`${double.url}/repos/${owner}/${repo}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: 'Requires authentication' });
  });

  it('answers 403 with x-accepted-github-permissions when the token lacks the permission', async () => {
    const err = await failure(client('reader').rest.repos.createRelease({ owner, repo, tag_name: '9.9.9' }));
    expect(err.status).toBe(403);
    expect(err.data.message).toBe('Resource not accessible by integration');
    expect(err.headers['x-accepted-github-permissions']).toBe('contents=write');
    // Reading is enough for reads.
    await expect(client('reader').rest.repos.listReleases({ owner, repo })).resolves.toMatchObject({ status: 200 });
  });

  it('answers 404 for a repository the token was not granted', async () => {
    expect((await failure(client('other-repo').rest.repos.get({ owner, repo }))).status).toBe(404);
  });

  it('caches the trimmed spec so later starts do not read the 13 MB description', () => {
    const dir = fileURLToPath(new URL('../../node_modules/.cache/exegol-github-double/', import.meta.url));
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir).some((f) => /^\d+\.\d+\.\d+-[0-9a-f]{16}\.json$/.test(f))).toBe(true);
  });
});
