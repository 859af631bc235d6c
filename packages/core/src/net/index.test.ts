// The stall limit against real stalling servers on 127.0.0.1: a socket that accepts and says
// nothing, an HTTP server that sends its headers and then nothing, a git smart-HTTP server that
// stops in the middle of a pack, a refused port. Each test uses a 2 s limit, so the whole file
// stays under half a minute.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox } from '@exegol-actions/testkit/git';
import {
  headersThenStallServer,
  refusedPort,
  silentTcpServer,
  stallProxy,
  type StallServer,
} from '@exegol-actions/testkit/stall';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { Git } from '../git/index.ts';
import { describeGitHubError, getGitHubClient } from '../github/index.ts';
import { RegistryClient } from '../docker/registry.ts';
import { DEFAULT_STALL_SECONDS, limitedFetch, networkLimits, NetworkError, setNetworkLimits } from './index.ts';

const LIMIT = 2;
const servers: StallServer[] = [];
const serve = async <T extends StallServer>(s: Promise<T>): Promise<T> => {
  const server = await s;
  servers.push(server);
  return server;
};

beforeAll(() => setNetworkLimits({ stallSeconds: LIMIT, input: 'network-timeout' }));
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => setNetworkLimits({ stallSeconds: DEFAULT_STALL_SECONDS, input: null }));

async function timed<T>(fn: () => Promise<T>): Promise<{ error: unknown; seconds: number }> {
  const started = performance.now();
  const error = await fn().then(
    () => null,
    (e: unknown) => e,
  );
  return { error, seconds: (performance.now() - started) / 1000 };
}

describe('limitedFetch', () => {
  test('a server that accepts and never answers: a GET is tried twice, then stops naming the host, the limit and the input', async () => {
    const silent = await serve(silentTcpServer());
    const { error, seconds } = await timed(() => limitedFetch(`${silent.url}/repos/x`));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ kind: 'stalled', host: silent.host, input: 'network-timeout' });
    expect((error as Error).message).toContain(
      `${silent.host} stopped answering: nothing came for 2 s, the stall limit (input "network-timeout")`,
    );
    expect((error as Error).message).toContain('raise "network-timeout"');
    expect(silent.requests).toBe(2);
    expect(seconds).toBeGreaterThanOrEqual(2 * LIMIT - 0.2);
    expect(seconds).toBeLessThan(2 * LIMIT + 3);
  });

  test('a POST that stalls is not sent again: it may have been acted on', async () => {
    const silent = await serve(silentTcpServer());
    const { error } = await timed(() => limitedFetch(`${silent.url}/repos/x/pulls`, { method: 'POST', body: '{}' }));
    expect(error).toMatchObject({ kind: 'stalled' });
    expect(silent.requests).toBe(1);
  });

  test('headers, then nothing: the stall in the body is caught, never a half-read answer', async () => {
    const server = await serve(headersThenStallServer({ partial: '{"id": 1, "na' }));
    const { error, seconds } = await timed(() =>
      limitedFetch(`${server.url}/v2/`, { method: 'GET' }, { service: 'the registry' }),
    );
    expect(error).toMatchObject({ kind: 'stalled', host: server.host });
    expect((error as Error).message).toMatch(/^the registry \(127\.0\.0\.1:\d+\) stopped answering/);
    expect(seconds).toBeLessThan(2 * LIMIT + 3);
  });

  test('a refused connection is a connection error naming the host and where the address came from', async () => {
    const port = await refusedPort();
    const { error } = await timed(() =>
      limitedFetch(
        `http://127.0.0.1:${port}/x`,
        {},
        { retry: false, service: 'the GitHub API', source: 'GITHUB_API_URL' },
      ),
    );
    expect(error).toMatchObject({ kind: 'refused', host: `127.0.0.1:${port}` });
    expect((error as Error).message).toBe(
      `no connection to 127.0.0.1:${port} (connection refused): a connection error, not an answer from the GitHub API. The address comes from GITHUB_API_URL: check it, or re-run the job if the service was down.`,
    );
  });
});

describe('the GitHub client', () => {
  let double: GitHubDouble;
  const TOKEN = 'ghs_stalltests00000000000000001';
  beforeAll(async () => {
    double = await startGitHubDouble();
    double.addToken(TOKEN);
  });
  afterAll(() => double.stop());

  test('a stalled GET is retried once and then described as a stall, not as "GitHub answered 500"', async () => {
    const proxy = await serve(
      stallProxy(double.url, [{ method: 'GET', path: /\/releases\/latest/, mode: 'headers', times: 5 }]),
    );
    const client = await getGitHubClient({ token: TOKEN, baseUrl: proxy.url });
    const { error, seconds } = await timed(() =>
      client.rest.repos.getLatestRelease({ owner: 'ThePorgs', repo: 'Exegol' }),
    );
    const text = describeGitHubError(error, { operation: 'read the latest release' });
    expect(text).toMatch(
      new RegExp(
        `^Could not read the latest release: the GitHub API \\(${proxy.host}\\) stopped answering: nothing came for 2 s, the stall limit \\(input "network-timeout"\\)`,
      ),
    );
    expect(text).not.toMatch(/answered 500|on GitHub's side/);
    expect(proxy.stalled).toHaveLength(2); // once more, not the retry plugin's three times
    expect(seconds).toBeLessThan(2 * LIMIT + 4);
  });

  test('a stalled POST is sent once; a stalled GET that recovers on the second try succeeds', async () => {
    const proxy = await serve(
      stallProxy(double.url, [
        { method: 'POST', mode: 'silent', times: 5 },
        { method: 'GET', path: /\/repos\//, mode: 'silent', times: 1 },
      ]),
    );
    const client = await getGitHubClient({ token: TOKEN, baseUrl: proxy.url });
    double.addRepo('ThePorgs/stall-post', await emptyRemote());
    const got = await client.rest.repos.get({ owner: 'ThePorgs', repo: 'stall-post' });
    expect(got.data.full_name).toBe('ThePorgs/stall-post');
    const { error } = await timed(() =>
      client.rest.issues.create({ owner: 'ThePorgs', repo: 'stall-post', title: 'x' }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(proxy.stalled.filter((r) => r.startsWith('POST'))).toHaveLength(1);
  });

  test('a refused connection names the host and GITHUB_API_URL, and no status', async () => {
    const port = await refusedPort();
    const client = await getGitHubClient({ token: TOKEN, baseUrl: `http://127.0.0.1:${port}` });
    const { error } = await timed(() => client.rest.repos.get({ owner: 'ThePorgs', repo: 'Exegol' }));
    const text = describeGitHubError(error, { operation: 'read the repository' });
    expect(text).toBe(
      `Could not read the repository: no connection to 127.0.0.1:${port} (connection refused): a connection error, not an answer from the GitHub API. The address comes from the API URL http://127.0.0.1:${port}: check it, or re-run the job if the service was down.`,
    );
  });

  test('an Octokit error for a failed connection (status 500, no response) is read by its cause', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), {
      status: 500,
      request: { url: 'https://ghes.example/api/v3/repos/a/b' },
      cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    });
    expect(describeGitHubError(err, { operation: 'list releases' })).toBe(
      'Could not list releases: no connection to ghes.example (connection refused): a connection error, not an answer from the GitHub API. The address comes from GITHUB_API_URL (https://ghes.example): check it, or re-run the job if the service was down.',
    );
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), {
      status: 500,
      cause: { code: 'ENOTFOUND' },
    });
    expect(describeGitHubError(dns, { operation: 'list releases' })).toMatch(
      /no connection to the GitHub API \(the host name does not resolve\)/,
    );
  });
});

describe('the registry client', () => {
  test('a registry that stalls after its headers: retried by its own policy, then a NetworkError naming the host and the limit', async () => {
    const server = await serve(
      headersThenStallServer({ headers: { 'docker-distribution-api-version': 'registry/2.0' } }),
    );
    const client = new RegistryClient({ retry: { attempts: 2, baseDelayMs: 10 }, source: 'input "image"' });
    const { error, seconds } = await timed(() =>
      client.getManifest({ registry: server.host, repository: 'exegol/stall', tag: 'full' }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^GET ${server.host}/exegol/stall/manifests/full \\(2 attempts\\): the registry \\(${server.host}\\) stopped answering: nothing came for 2 s`,
      ),
    );
    expect((error as Error).message).not.toMatch(/HTTP \d{3}/);
    expect(server.hits).toBe(2);
    expect(seconds).toBeLessThan(2 * LIMIT + 3);
  });

  test('a refused registry: a connection error naming the host and the input, not an HTTP status', async () => {
    const port = await refusedPort();
    const client = new RegistryClient({ retry: { attempts: 1, baseDelayMs: 10 }, source: 'input "image"' });
    const { error } = await timed(() =>
      client.getManifest({ registry: `127.0.0.1:${port}`, repository: 'exegol/x', tag: 'full' }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain(
      `no connection to 127.0.0.1:${port} (connection refused): a connection error, not an answer from the registry. The address comes from input "image"`,
    );
  });
});

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('net-');
});
afterAll(() => sandbox.cleanup());

async function emptyRemote(): Promise<string> {
  return sandbox.bare(`empty-${Math.random().toString(36).slice(2, 8)}`);
}

describe('git', () => {
  /** A remote with enough history that its pack is more than a few bytes. */
  async function servedRemote() {
    const remote = await sandbox.bare(`stall-${Math.random().toString(36).slice(2, 8)}`);
    const dev = await sandbox.repo(`dev-${path.basename(remote)}`, remote);
    const blob = Array.from({ length: 4000 }, (_, i) => `line ${i} ${Math.sin(i)}`).join('\n');
    await dev.commit('one', { files: { 'a.txt': blob } });
    await dev.pushAll();
    return { remote, dev };
  }

  test('a fetch whose pack stops halfway stops with the host and the limit, within the limit', async () => {
    const { remote } = await servedRemote();
    const http = await sandbox.serveHttp({ stall: { service: 'git-upload-pack', afterBytes: 200 } });
    servers.push({ ...http, host: '', url: http.origin, hits: 0 });
    const clone = await sandbox.repo(`clone-${path.basename(remote)}`);
    const git = await Git.open(clone.dir, { env: sandbox.env() });
    const host = new URL(http.origin).host;
    const { error, seconds } = await timed(() => git.fetch(http.url(remote), ['refs/heads/main']));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe(
      `git fetch with ${host} stopped: nothing came for 2 s, the stall limit (input "network-timeout"). Re-run the job; if the service is only slow, raise "network-timeout" (now 2).`,
    );
    expect(http.stalled).toEqual([`POST /${path.basename(remote)}/git-upload-pack`]);
    expect(seconds).toBeLessThan(LIMIT + 4);
    // Nothing half-fetched is left as a ref.
    expect(await git.revParse('FETCH_HEAD')).toBeNull();
  });

  test('a push whose answer never comes is a stall even where a refusal is read (allowFailure), and the remote is unchanged', async () => {
    const { remote, dev } = await servedRemote();
    const before = await sandbox.refs(remote);
    const http = await sandbox.serveHttp({ stall: { service: 'git-receive-pack', afterBytes: 0 } });
    servers.push({ ...http, host: '', url: http.origin, hits: 0 });
    await dev.commit('two', { files: { 'b.txt': 'b\n' } });
    const git = await Git.open(dev.dir, { env: sandbox.env() });
    const { error, seconds } = await timed(() => git.pushBranch('HEAD', 'main', { remote: http.url(remote) }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/^git push with 127\.0\.0\.1:\d+ stopped: nothing came for 2 s/);
    expect(seconds).toBeLessThan(LIMIT + 4);
    // receive-pack may have run on the server: a stall says nothing about the remote, which a re-run reads afresh.
    expect(Object.keys(await sandbox.refs(remote))).toEqual(Object.keys(before));
  });

  test('ls-remote against a server that accepts and never answers', async () => {
    const silent = await serve(silentTcpServer());
    const git = Git.at(sandbox.root, { env: sandbox.env() });
    const { error, seconds } = await timed(() => git.lsRemote(`${silent.url}/ThePorgs/Exegol.git`, { heads: true }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(
      new RegExp(`^git ls-remote with ${silent.host.replace(/\./g, '\\.')} stopped`),
    );
    expect(seconds).toBeLessThan(LIMIT + 4);
  });

  test('the ssh command keeps a key set by actions/checkout (core.sshCommand) and adds the limits', async () => {
    const repo = await sandbox.repo(`ssh-${Math.random().toString(36).slice(2, 8)}`);
    await repo.git.raw(['config', 'core.sshCommand', 'ssh -i /tmp/checkout-key']);
    // A fake ssh that prints what git ran it with.
    const bin = path.join(sandbox.root, 'fake-ssh');
    fs.writeFileSync(bin, '#!/bin/sh\necho "ssh-args: $*" >&2\nexit 255\n', { mode: 0o755 });
    await repo.git.raw(['config', 'core.sshCommand', `${bin} -i /tmp/checkout-key`]);
    const git = await Git.open(repo.dir, { env: sandbox.env() });
    const res = await git.raw(['ls-remote', 'git@example.invalid:ThePorgs/Exegol.git'], { allowFailure: true });
    expect(res.stderr).toContain(
      'ssh-args: -i /tmp/checkout-key -o ConnectTimeout=2 -o ServerAliveInterval=1 -o ServerAliveCountMax=3',
    );
    expect(networkLimits().stallSeconds).toBe(LIMIT);
  });
});
