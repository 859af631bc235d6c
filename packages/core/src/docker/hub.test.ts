// Deleting intermediate tags on Docker Hub, through its own API, against a double that enforces
// the published contract (token from POST /v2/auth/token, Bearer on the DELETE). Never run against
// Docker Hub itself.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DockerHubDouble } from '@exegol-actions/testkit/docker';
import { DockerHubClient, HubError } from './hub.ts';
import { deleteIntermediates, type ListEntry } from './manifest.ts';
import { parseReference } from './reference.ts';
import { RegistryClient } from './registry.ts';

const retry = { attempts: 2, baseDelayMs: 10, maxDelayMs: 10 };
let hub: DockerHubDouble;
beforeAll(async () => {
  hub = await DockerHubDouble.start({ robot: 'dckr_pat_s3cret' });
});
afterAll(() => hub.close());

const ref = (text: string) => parseReference(text, 'sources');

describe("Docker Hub's API", () => {
  test('login with identifier and secret, then DELETE with the bearer token: the tag is gone', async () => {
    hub.tags.add('nwodtuhs/exegol-builds:nightly-0a1b2c3d-amd64');
    const client = new DockerHubClient({
      credentials: { username: 'robot', password: 'dckr_pat_s3cret' },
      baseUrl: hub.url,
      retry,
    });
    expect(await client.deleteTag(ref('nwodtuhs/exegol-builds:nightly-0a1b2c3d-amd64'))).toBe('deleted');
    expect(hub.tags.has('nwodtuhs/exegol-builds:nightly-0a1b2c3d-amd64')).toBe(false);
    expect(await client.deleteTag(ref('nwodtuhs/exegol-builds:nightly-0a1b2c3d-amd64'))).toBe('absent');
    // One login for both deletions.
    expect(hub.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /v2/auth/token 200',
      'DELETE /v2/repositories/nwodtuhs/exegol-builds/tags/nightly-0a1b2c3d-amd64 204',
      'DELETE /v2/repositories/nwodtuhs/exegol-builds/tags/nightly-0a1b2c3d-amd64 404',
    ]);
  });

  test('wrong credentials: an error naming the user, no DELETE sent', async () => {
    hub.requests.length = 0;
    const client = new DockerHubClient({
      credentials: { username: 'robot', password: 'wrong' },
      baseUrl: hub.url,
      retry,
    });
    await expect(client.deleteTag(ref('nwodtuhs/exegol-builds:x-amd64'))).rejects.toThrow(HubError);
    await expect(client.deleteTag(ref('nwodtuhs/exegol-builds:x-amd64'))).rejects.toThrow(
      /refused the login of robot \(HTTP 401\)/,
    );
    expect(hub.requests.every((r) => r.method === 'POST')).toBe(true);
  });
});

describe('deleteIntermediates after a merge', () => {
  const entries: ListEntry[] = [];
  const targets = [ref('nwodtuhs/exegol:nightly')];

  test('on Docker Hub: each arch tag through the Hub API; the list tag is never touched', async () => {
    const sources = [
      ref('nwodtuhs/exegol-builds:nightly-0a1b2c3d-amd64'),
      ref('nwodtuhs/exegol-builds:nightly-0a1b2c3d-arm64'),
    ];
    for (const s of sources) hub.tags.add(`${s.repository}:${s.tag}`);
    hub.tags.add('nwodtuhs/exegol:nightly');
    const client = new DockerHubClient({
      credentials: { username: 'robot', password: 'dckr_pat_s3cret' },
      baseUrl: hub.url,
      retry,
    });
    const deleted = await deleteIntermediates(new RegistryClient({ retry }), {
      sources,
      targets,
      entries,
      hub: client,
    });
    expect(deleted.map((d) => [d.ref.tag, d.result, d.via])).toEqual([
      ['nightly-0a1b2c3d-amd64', 'deleted', 'docker-hub-api'],
      ['nightly-0a1b2c3d-arm64', 'deleted', 'docker-hub-api'],
    ]);
    expect([...hub.tags]).toEqual(['nwodtuhs/exegol:nightly']);
  });

  test('a failed deletion is a warning and a `failed` row, never a thrown error', async () => {
    const client = new DockerHubClient({
      credentials: { username: 'robot', password: 'expired' },
      baseUrl: hub.url,
      retry,
    });
    hub.tags.add('nwodtuhs/exegol-builds:nightly-feedbeef-amd64');
    const deleted = await deleteIntermediates(new RegistryClient({ retry }), {
      sources: [ref('nwodtuhs/exegol-builds:nightly-feedbeef-amd64')],
      targets,
      entries,
      hub: client,
    });
    expect(deleted).toEqual([
      expect.objectContaining({
        result: 'failed',
        note: expect.stringMatching(/^deleting it failed \(Docker Hub refused the login of robot \(HTTP 401\)/),
      }),
    ]);
    expect(hub.tags.has('nwodtuhs/exegol-builds:nightly-feedbeef-amd64')).toBe(true);
  });

  test('on Docker Hub without credentials: kept, with the reason', async () => {
    const deleted = await deleteIntermediates(new RegistryClient({ retry }), {
      sources: [ref('nwodtuhs/exegol-builds:a-amd64')],
      targets,
      entries,
    });
    expect(deleted).toEqual([
      expect.objectContaining({
        result: 'kept',
        via: 'docker-hub-api',
        note: expect.stringMatching(/needs registry-username and registry-password/),
      }),
    ]);
  });
});
