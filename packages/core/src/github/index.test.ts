// The real client (Octokit + retry + throttling) against the GitHub API double.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { faults, startGitHubDouble, type GitHubDouble } from '../../../testkit/src/github-double/index.ts';
import { makeBareRepo, type BareFixture } from '../../../testkit/src/github-double/test-helpers.ts';
import { describeGitHubError, getGitHubClient, parseRepository } from './index.ts';

const owner = 'ThePorgs';
const repo = 'Exegol';
let double: GitHubDouble;
let fixture: BareFixture;
let stdout: string[];

beforeAll(async () => {
  fixture = await makeBareRepo();
  await fixture.commit('main', 'Initial commit');
  // Strict: this file tests the code that builds our requests, and GitHub would silently drop a
  // misspelt key; here it is refused, so the test sees it.
  double = await startGitHubDouble({
    strict: true,
    repos: { [`${owner}/${repo}`]: { gitDir: fixture.gitDir } },
    tokens: { ghs_writer: {}, ghs_reader: { permissions: { contents: 'read', pull_requests: 'read' } } },
  });
});

beforeEach(() => {
  double.clearFaults();
  double.resetCounts();
  // The client reports retries with ::warning:: workflow commands; keep them out of the test log.
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  double.assertNoViolations();
});

afterAll(async () => {
  await double.stop();
  fixture.cleanup();
});

const client = (token = 'ghs_writer', extra: { rateLimitRetries?: number } = {}) =>
  getGitHubClient({ token, baseUrl: double.url, ...extra });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('the request succeeded');
}

describe('getGitHubClient', () => {
  it('masks the token', async () => {
    await client();
    expect(stdout.join('')).toContain('::add-mask::ghs_writer');
  });

  it('takes GITHUB_API_URL by default (GHES and the double)', async () => {
    const saved = process.env.GITHUB_API_URL;
    process.env.GITHUB_API_URL = double.url;
    try {
      const octokit = await getGitHubClient({ token: 'ghs_writer' });
      expect((await octokit.rest.repos.get({ owner, repo })).data.full_name).toBe(`${owner}/${repo}`);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = saved;
    }
  });

  it('refuses an empty token with a clear message', async () => {
    await expect(getGitHubClient({ token: '' })).rejects.toThrow(/github-token/);
  });

  it('retries a 502 and succeeds', async () => {
    double.injectFault({ operationId: 'repos/get', times: 1, ...faults.serverError(502) });
    const octokit = await client();
    expect((await octokit.rest.repos.get({ owner, repo })).status).toBe(200);
    expect(double.count({ operationId: 'repos/get' })).toBe(2);
  });

  it('waits out a primary rate limit (429) and retries', async () => {
    double.injectFault({ operationId: 'repos/list-releases', times: 1, ...faults.rateLimit(1) });
    const octokit = await client();
    const started = Date.now();
    expect((await octokit.rest.repos.listReleases({ owner, repo })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(double.count({ operationId: 'repos/list-releases' })).toBe(2);
    expect(stdout.join('')).toMatch(/::warning::GitHub primary rate limit on GET .*retrying/);
  });

  it('honours retry-after on a secondary rate limit (403) and retries', async () => {
    double.injectFault({ operationId: 'repos/list-tags', times: 1, ...faults.secondaryRateLimit(1) });
    const octokit = await client();
    const started = Date.now();
    expect((await octokit.rest.repos.listTags({ owner, repo })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(double.count({ operationId: 'repos/list-tags' })).toBe(2);
  });

  it('gives up after the bound and says so', async () => {
    double.injectFault({ operationId: 'repos/get', times: Infinity, ...faults.secondaryRateLimit(1) });
    const octokit = await client('ghs_writer', { rateLimitRetries: 0 });
    const err = await rejection(octokit.rest.repos.get({ owner, repo }));
    expect(double.count({ operationId: 'repos/get' })).toBe(1);
    expect(describeGitHubError(err, { operation: 'read the repository' })).toMatch(/rate limit still applied/);
  });

  it('does not retry a refusal (422)', async () => {
    const octokit = await client();
    await octokit.rest.repos.createRelease({ owner, repo, tag_name: '5.1.4' });
    const err = await rejection(octokit.rest.repos.createRelease({ owner, repo, tag_name: '5.1.4' }));
    expect(double.count({ operationId: 'repos/create-release' })).toBe(2);
    expect(describeGitHubError(err, { operation: 'create release 5.1.4' })).toBe(
      'Could not create release 5.1.4: GitHub refused the request (422 Validation Failed: Release tag_name already_exists).',
    );
  });

  it('uploads release assets beside the API when not given upload_url (GHES layout)', async () => {
    const octokit = await client();
    const { data: release } = await octokit.rest.repos.createRelease({ owner, repo, tag_name: '5.1.5', draft: true });
    const { data: asset } = await octokit.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: release.id,
      name: 'notes.txt',
      data: 'x',
    });
    expect(asset.name).toBe('notes.txt');
    expect(double.count({ operationId: 'repos/upload-release-asset', path: /^\/uploads\// })).toBe(1);
  });
});

describe('describeGitHubError', () => {
  it('names the missing permission and the workflow line to add (403)', async () => {
    const octokit = await client('ghs_reader');
    const err = await rejection(octokit.rest.repos.createRelease({ owner, repo, tag_name: '9.9.9' }));
    const message = describeGitHubError(err, { operation: 'create release 9.9.9' });
    expect(message).toContain('the token lacks the "contents: write" permission');
    expect(message).toContain('Add `permissions: { contents: write }` to the job');
  });

  it('offers each accepted alternative, with workflow spelling', () => {
    const err = {
      status: 403,
      message: 'x',
      response: { headers: { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' }, data: {} },
    };
    expect(describeGitHubError(err, { operation: 'label the pull request' })).toContain(
      'Add `permissions: { issues: write }` (or `permissions: { pull-requests: write }`) to the job',
    );
  });

  it('asks for what the step needs when a read before the write is refused', () => {
    const err = {
      status: 403,
      message: 'x',
      response: { headers: { 'x-accepted-github-permissions': 'pull_requests=read' }, data: {} },
    };
    expect(
      describeGitHubError(err, { operation: 'list the pull requests', needs: { pull_requests: 'write' } }),
    ).toContain(
      'the token lacks the "pull-requests: write" permission. Add `permissions: { pull-requests: write }` to the job',
    );
    expect(describeGitHubError(err, { operation: 'list the pull requests' })).toContain(
      'Add `permissions: { pull-requests: read }`',
    );
  });

  it('explains 401 and 404', async () => {
    const bad = await rejection(
      (await getGitHubClient({ token: 'ghs_unknown', baseUrl: double.url })).rest.repos.get({ owner, repo }),
    );
    expect(describeGitHubError(bad, { operation: 'read the repository' })).toMatch(
      /401 Bad credentials.*wrong, expired or revoked/,
    );
    const missing = await rejection((await client()).rest.repos.getReleaseByTag({ owner, repo, tag: 'nope' }));
    expect(describeGitHubError(missing, { operation: 'find release nope' })).toMatch(
      /not found, or the token cannot see it/,
    );
  });

  it('passes other errors through', () => {
    expect(describeGitHubError(new Error('connect ECONNREFUSED'), { operation: 'list releases' })).toBe(
      'Could not list releases: connect ECONNREFUSED',
    );
  });
});

describe('parseRepository', () => {
  it('splits owner/name', () => {
    expect(parseRepository('ThePorgs/Exegol-images')).toEqual({ owner: 'ThePorgs', repo: 'Exegol-images' });
  });

  it.each(['ThePorgs', 'https://github.com/ThePorgs/Exegol', 'ThePorgs/Exegol.git', 'a/b/c', '/Exegol', 'ThePorgs/..'])(
    'refuses %p',
    (value) => {
      expect(() => parseRepository(value)).toThrow(/expected "owner\/name"/);
    },
  );
});

describe('start-up cost', () => {
  it('loads no Octokit, undici or plugin when the module is imported', async () => {
    const modulePath = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `
      import { registerHooks } from 'node:module';
      const seen = [];
      registerHooks({ resolve(specifier, context, next) { seen.push(specifier); return next(specifier, context); } });
      await import(${JSON.stringify(modulePath)});
      console.log(JSON.stringify(seen));`;
    const { stdout: out } = await promisify(execFile)(process.execPath, [
      '--input-type=module',
      '--no-warnings',
      '-e',
      script,
    ]);
    const seen = JSON.parse(out) as string[];
    expect(seen.filter((s) => /@actions\/|@octokit\/|undici|bottleneck/.test(s))).toEqual([]);
  });
});
