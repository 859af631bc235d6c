// The registry client's auth and retry against a small local server that speaks the challenge
// protocol (the real loopback registry has no auth; the e2e tests use it for everything else).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { dockerConfigCredentials, RegistryClient, RegistryError, sha256 } from './registry.ts';

const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { digest: 'sha256:x' },
    layers: [],
  }),
);
let server: http.Server;
let registry: string;
const seen: { method: string; url: string; auth?: string }[] = [];
let failNext = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
    const base = `http://${req.headers.host}`;
    if (req.url!.startsWith('/token')) {
      const u = new URL(req.url!, base);
      const ok = req.headers.authorization === `Basic ${Buffer.from('robot:s3cret-pass').toString('base64')}`;
      if (!ok) return res.writeHead(401).end('{"details":"bad credentials"}');
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ token: `tok:${u.searchParams.getAll('scope').join('|')}` }));
    }
    if (failNext > 0) {
      failNext--;
      return res.writeHead(503, { 'retry-after': '0' }).end('busy');
    }
    if (!req.headers.authorization?.startsWith('Bearer tok:repository:team/app:pull')) {
      res.writeHead(401, {
        'www-authenticate': `Bearer realm="${base}/token",service="test-registry",scope="repository:team/app:pull"`,
      });
      return res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
    }
    if (req.url === '/v2/team/app/manifests/v1') {
      res.writeHead(200, {
        'content-type': 'application/vnd.docker.distribution.manifest.v2+json',
        'docker-content-digest': sha256(manifest),
      });
      return res.end(manifest);
    }
    res.writeHead(404).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  registry = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

describe('RegistryClient', () => {
  test('answers a Bearer challenge with a token fetched with the credentials, then reuses it', async () => {
    const client = new RegistryClient({
      credentials: (r) => Promise.resolve(r === registry ? { username: 'robot', password: 's3cret-pass' } : undefined),
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    seen.length = 0;
    const m = await client.getManifest({ registry, repository: 'team/app', tag: 'v1' });
    expect(m?.digest).toBe(sha256(manifest));
    expect(seen.map((s) => s.url)).toEqual([
      '/v2/team/app/manifests/v1',
      '/token?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull',
      '/v2/team/app/manifests/v1',
    ]);
    seen.length = 0;
    expect(await client.getManifest({ registry, repository: 'team/app', tag: 'nope' })).toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  test('bad credentials: a clear error', async () => {
    const client = new RegistryClient({
      credentials: () => Promise.resolve({ username: 'robot', password: 'wrong-pass' }),
      retry: { attempts: 1, baseDelayMs: 1 },
    });
    const err = await client.getManifest({ registry, repository: 'team/app', tag: 'v1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as Error).message).toMatch(
      /refused a token for repository:team\/app:pull \(HTTP 401\).*Check the registry credentials/,
    );
  });

  test('retries a 503 and counts it', async () => {
    const client = new RegistryClient({
      credentials: () => Promise.resolve({ username: 'robot', password: 's3cret-pass' }),
      retry: { attempts: 3, baseDelayMs: 1 },
    });
    failNext = 2;
    expect((await client.headManifest({ registry, repository: 'team/app', tag: 'v1' }))?.digest).toBe(sha256(manifest));
    expect(client.traffic.retries).toBe(2);
  });

  test('credentials from the Docker client config (what docker/login-action writes)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcfg-'));
    fs.writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hubpass').toString('base64') },
          'ghcr.io': { auth: Buffer.from('gh:tok:en').toString('base64') },
        },
      }),
    );
    const read = dockerConfigCredentials(dir);
    expect(await read('docker.io')).toEqual({ username: 'hubuser', password: 'hubpass' });
    expect(await read('ghcr.io')).toEqual({ username: 'gh', password: 'tok:en' });
    expect(await read('quay.io')).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });
});
