// The gate: requests GitHub would refuse (or silently misread) are refused and recorded.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startGitHubDouble, type GitHubDouble } from './index.ts';
import { expectFailure, makeBareRepo, type BareFixture } from './test-helpers.ts';

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

const failure = expectFailure;

describe('request validation: what GitHub answers (default mode)', () => {
  it('ignores a body key update-release does not take, as GitHub does, and lists it', async () => {
    double.clearViolations();
    double.clearIgnored();
    const { data: created } = await client().rest.repos.createRelease({
      owner,
      repo,
      tag_name: '0.1.0',
      draft: true,
      body: 'notes',
    });
    // softprops/action-gh-release sends generate_release_notes with every update; GitHub takes it.
    const { status, data } = await client().request('PATCH /repos/{owner}/{repo}/releases/{release_id}', {
      owner,
      repo,
      release_id: created.id,
      name: 'Exegol 0.1.0',
      generate_release_notes: true,
    } as never);
    expect(status).toBe(200);
    expect(data).toMatchObject({ name: 'Exegol 0.1.0', body: 'notes' }); // the ignored key changed nothing
    expect(double.violations).toEqual([]);
    expect(double.ignored).toEqual([
      {
        where: 'body',
        key: 'generate_release_notes',
        method: 'PATCH',
        path: `/repos/${owner}/${repo}/releases/${created.id}`,
        operationId: 'repos/update-release',
      },
    ]);
    expect(() => double.assertNothingIgnored()).toThrow(/body key "generate_release_notes"/);
    await client().rest.repos.deleteRelease({ owner, repo, release_id: created.id });
    double.clearIgnored();
  });

  it('loses a misspelt setting silently, as GitHub does: the release is not a draft', async () => {
    const { status, data } = await client().request('POST /repos/{owner}/{repo}/releases', {
      owner,
      repo,
      tag_name: '0.2.0',
      draf: true,
    } as never);
    expect(status).toBe(201);
    expect(data.draft).toBe(false);
    expect(double.ignored.map((i) => i.key)).toEqual(['draf']);
    await client().rest.repos.deleteRelease({ owner, repo, release_id: data.id });
    await client().rest.git.deleteRef({ owner, repo, ref: 'tags/0.2.0' });
    double.clearIgnored();
  });

  it('ignores an unknown key inside an object, and unknown query parameters', async () => {
    const sha = await fixture.git('rev-parse', 'main');
    const { status } = await client().rest.git.createTag({
      owner,
      repo,
      tag: 'v-nested',
      message: 'm',
      object: sha,
      type: 'commit',
      tagger: { name: 'a', email: 'a@b', when: 'now' },
    } as never);
    expect(status).toBe(201);
    const listed = await client().request('GET /repos/{owner}/{repo}/releases', { owner, repo, pre_page: 2 } as never);
    expect(listed.status).toBe(200);
    expect(double.ignored.map((i) => `${i.where}:${i.key}`)).toEqual(['body:tagger/when', 'query:pre_page']);
    double.clearIgnored();
  });

  it('still refuses what GitHub refuses: a missing required field, a wrong type, a value outside the enum', async () => {
    double.clearViolations();
    const err = await failure(
      client().request('POST /repos/{owner}/{repo}/releases', { owner, repo, tag_nam: '1.0.0', draft: 'yes' } as never),
    );
    expect(err.status).toBe(422);
    expect(err.data.message).toContain(`"tag_name" wasn't supplied.`);
    expect(err.data.message).toContain(`For 'properties/draft', "yes" is not a boolean.`);
    expect(err.data.message).not.toContain('tag_nam"'); // the unknown key is not what GitHub complains about
    expect(err.data.documentation_url).toBe('https://docs.github.com/rest/releases/releases#create-a-release');
    expect(double.violations[0]).toMatchObject({ operationId: 'repos/create-release', status: 422 });
    const enumErr = await failure(
      client().rest.repos.createRelease({ owner, repo, tag_name: 'x', make_latest: 'yes' as never }),
    );
    expect(enumErr.data.message).toContain(
      `For 'properties/make_latest', "yes" is not a member of ["true","false","legacy"].`,
    );
    const queryErr = await failure(
      client().request('GET /repos/{owner}/{repo}/releases', { owner, repo, per_page: 'many' } as never),
    );
    expect(queryErr.data.message).toContain(`For 'query/per_page', "many" is not an integer.`);
    // Nothing was created by the refused requests.
    expect(double.state.releases(`${owner}/${repo}`)).toHaveLength(0);
  });

  it('answers 400 "Body should be a JSON object" for an array where an object is expected', async () => {
    const res = await fetch(`${double.url}/repos/${owner}/${repo}/releases`, {
      method: 'POST',
      headers: { authorization: 'token writer', 'content-type': 'application/json' },
      body: JSON.stringify(['tag_name', '1.0.0']),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'Body should be a JSON object', status: '400' });
    const bad = await fetch(`${double.url}/repos/${owner}/${repo}/releases`, {
      method: 'POST',
      headers: { authorization: 'token writer' },
      body: '{"tag_name":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: 'Problems parsing JSON' });
  });

  it('ignores a body sent with a GET: the filters must be in the query', async () => {
    // fetch() refuses a GET with a body; curl and node:http send one.
    const payload = JSON.stringify({ per_page: 1 });
    const status = await new Promise<number>((resolve, reject) => {
      const headers = {
        authorization: 'token writer',
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(payload)),
      };
      const req = request(`${double.url}/repos/${owner}/${repo}/releases`, { method: 'GET', headers }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(200) : reject(new Error(`${res.statusCode} ${text}`))));
      });
      req.on('error', reject);
      req.end(payload);
    });
    expect(status).toBe(200);
    expect(double.ignored.map((i) => `${i.where}:${i.key}`)).toEqual(['body:(the whole body of a GET)']);
    double.clearIgnored();
  });

  it('refuses a body key on an operation that takes no body, as GitHub does', async () => {
    const { data } = await client().rest.repos.createRelease({ owner, repo, tag_name: '0.3.0', draft: true });
    const err = await failure(
      client().request('DELETE /repos/{owner}/{repo}/releases/{release_id}', {
        owner,
        repo,
        release_id: data.id,
        force: true,
      } as never),
    );
    expect(err.status).toBe(422);
    expect(err.data.message).toBe('Invalid request.\n\n"force" is not a permitted key.');
    expect(double.state.releases(`${owner}/${repo}`).map((r) => r.id)).toContain(data.id);
    await client().rest.repos.deleteRelease({ owner, repo, release_id: data.id });
  });
  it('answers 404 like GitHub for a route GitHub does not have', async () => {
    double.clearViolations();
    const err = await failure(client().request('GET /repos/{owner}/{repo}/releasez', { owner, repo }));
    expect(err.status).toBe(404);
    expect(err.data).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    });
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
    const err = await failure(
      client().request('POST /repos/{owner}/{repo}/releases/{release_id}/assets', {
        owner,
        repo,
        release_id: 1,
        name: 'a',
        data: 'x',
      }),
    );
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

describe('strict mode (opt-in): unknown keys are refused', () => {
  let strict: GitHubDouble;
  beforeAll(async () => {
    strict = await startGitHubDouble({
      strict: true,
      repos: { [`${owner}/${repo}`]: { gitDir: fixture.gitDir } },
      tokens: { writer: {} },
    });
  });
  afterAll(() => strict.stop());
  const strictClient = () => getOctokit('writer', { baseUrl: strict.url });

  it('refuses a misspelt body field with 422 naming it, and records the violation', async () => {
    const err = await failure(
      strictClient().request('POST /repos/{owner}/{repo}/releases', {
        owner,
        repo,
        tag_name: '1.0.0',
        draf: true,
      } as never),
    );
    expect(err.status).toBe(422);
    expect(err.data.message).toBe('Invalid request.\n\n"draf" is not a permitted key.');
    expect(strict.violations).toHaveLength(1);
    expect(strict.violations[0]).toMatchObject({ operationId: 'repos/create-release', status: 422 });
    expect(() => strict.assertNoViolations()).toThrow(/"draf" is not a permitted key/);
    expect(strict.state.releases(`${owner}/${repo}`)).toHaveLength(0);
    strict.clearViolations();
  });

  it('refuses generate_release_notes in an update, nested unknown keys and unknown query parameters', async () => {
    const update = await failure(
      strictClient().request('PATCH /repos/{owner}/{repo}/releases/{release_id}', {
        owner,
        repo,
        release_id: 1,
        generate_release_notes: true,
      } as never),
    );
    expect(update.data.message).toBe('Invalid request.\n\n"generate_release_notes" is not a permitted key.');
    const nested = await failure(
      strictClient().rest.git.createTag({
        owner,
        repo,
        tag: 'v1',
        message: 'm',
        object: 'abc',
        type: 'commit',
        tagger: { name: 'a', email: 'a@b', when: 'now' },
      } as never),
    );
    expect(nested.data.message).toContain(`"when" is not a permitted key in 'tagger'.`);
    const query = await failure(
      strictClient().request('GET /repos/{owner}/{repo}/releases', { owner, repo, pre_page: 2 } as never),
    );
    expect(query.data.message).toContain(`"pre_page" is not a query parameter`);
    strict.clearViolations();
  });
});
