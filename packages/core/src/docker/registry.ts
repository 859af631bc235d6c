// A small client of the registry HTTP API (OCI distribution), for what the engine's client does
// badly: read a manifest's exact bytes and digest, copy a manifest list between repositories
// byte for byte, write a list without pulling a single layer, and retry each request on its own.
// Auth follows the registry's challenge (Bearer token or Basic), with credentials from inputs or
// from the Docker client's config (what docker/login-action wrote).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as log from '../action/index.ts';
import { run } from '../exec/index.ts';
import { limitedFetch, NetworkError } from '../net/index.ts';
import { DOCKER_HUB, formatReference, isLoopbackRegistry, type ImageReference } from './reference.ts';
import { DEFAULT_RETRY, RetriesExhausted, withRetry, type RetryPolicy, type Verdict } from './retry.ts';

export const MEDIA = {
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
} as const;
const ACCEPT = [MEDIA.dockerList, MEDIA.ociIndex, MEDIA.dockerManifest, MEDIA.ociManifest].join(', ');

export function isIndex(mediaType: string): boolean {
  return mediaType === MEDIA.dockerList || mediaType === MEDIA.ociIndex;
}

export interface Credentials {
  username: string;
  password: string;
}

export type CredentialSource = (registry: string) => Promise<Credentials | undefined>;

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** A 429/5xx answer, thrown so the retry loop sees it; turned into a RegistryError at the end. */
class TransientStatus extends Error {
  constructor(
    readonly status: number,
    readonly afterMs: number | undefined,
    detail: string,
  ) {
    super(`HTTP ${status}${detail ? ` ${detail}` : ''}`);
  }
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${crypto.createHash('sha256').update(bytes).digest('hex')}`;
}

/** Where the API of a registry answers: Docker Hub's name is not its API host. */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

function configKeys(registry: string): string[] {
  if (registry === DOCKER_HUB)
    return [
      'https://index.docker.io/v1/',
      'index.docker.io',
      'docker.io',
      'registry-1.docker.io',
      'https://registry-1.docker.io',
    ];
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

/** The parts of the Docker client's config.json that hold credentials. */
interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/**
 * Credentials the Docker client already has: `auths` in config.json, or a credential helper
 * (`credHelpers` / `credsStore`), as docker/login-action leaves them.
 */
export function dockerConfigCredentials(
  configDir = process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker'),
): CredentialSource {
  return async (registry) => {
    let config: DockerConfigFile;
    try {
      config = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')) as DockerConfigFile;
    } catch {
      return undefined;
    }
    for (const key of configKeys(registry)) {
      const helper = config.credHelpers?.[key];
      if (helper) return helperCredentials(helper, key);
    }
    for (const key of configKeys(registry)) {
      const entry = config.auths?.[key];
      if (entry?.auth) {
        const text = Buffer.from(entry.auth, 'base64').toString('utf8');
        const i = text.indexOf(':');
        if (i > 0) return { username: text.slice(0, i), password: text.slice(i + 1) };
      }
      if (entry?.username && entry.password) return { username: entry.username, password: entry.password };
    }
    if (config.credsStore) {
      for (const key of configKeys(registry)) {
        const found = await helperCredentials(config.credsStore, key);
        if (found) return found;
      }
    }
    return undefined;
  };
}

async function helperCredentials(helper: string, serverUrl: string): Promise<Credentials | undefined> {
  const res = await run(`docker-credential-${helper}`, ['get'], { input: serverUrl, allowFailure: true }).catch(
    () => undefined,
  );
  if (!res || res.code !== 0) return undefined;
  try {
    const j = JSON.parse(res.stdout) as { Username?: string; Secret?: string };
    if (!j.Username || !j.Secret || j.Username === '<token>') return undefined;
    log.maskSecret(j.Secret);
    return { username: j.Username, password: j.Secret };
  } catch {
    return undefined;
  }
}

function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const scheme = header.split(' ')[0]!.toLowerCase();
  const params: Record<string, string> = {};
  for (const m of header.slice(scheme.length).matchAll(/(\w+)="([^"]*)"/g)) params[m[1]!] = m[2]!;
  return { scheme, params };
}

export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface Manifest {
  /** The exact bytes the registry holds: their sha256 is the digest. */
  bytes: Buffer;
  digest: string;
  mediaType: string;
  json: {
    mediaType?: string;
    manifests?: {
      mediaType: string;
      digest: string;
      size: number;
      platform?: { os: string; architecture: string; variant?: string };
      annotations?: Record<string, string>;
    }[];
    config?: { mediaType: string; digest: string; size: number };
    layers?: { mediaType: string; digest: string; size: number }[];
  };
}

export interface RegistryClientOptions {
  /** Credentials per registry (from inputs); asked before the Docker config. */
  credentials?: CredentialSource;
  /** Registries reached over plain HTTP besides loopback ones. */
  insecure?: string[];
  retry?: RetryPolicy;
  /** Where the registry's name came from, for connection errors: `input "image"`. */
  source?: string;
}

/** Counts of what crossed the wire, so a caller can prove that no layer was pulled. */
export interface TrafficCounts {
  requests: number;
  manifestGets: number;
  blobGets: number;
  blobBytes: number;
  retries: number;
}

export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private readonly creds = new Map<string, Promise<Credentials | undefined>>();
  readonly traffic: TrafficCounts = { requests: 0, manifestGets: 0, blobGets: 0, blobBytes: 0, retries: 0 };

  constructor(private readonly options: RegistryClientOptions = {}) {}

  private baseUrl(registry: string): string {
    const insecure = isLoopbackRegistry(registry) || (this.options.insecure ?? []).includes(registry);
    return `${insecure ? 'http' : 'https'}://${apiHost(registry)}/v2/`;
  }

  private credentialsFor(registry: string): Promise<Credentials | undefined> {
    let found = this.creds.get(registry);
    if (!found) {
      const fromInputs = this.options.credentials ?? (() => Promise.resolve(undefined));
      found = fromInputs(registry).then((c) => c ?? dockerConfigCredentials()(registry));
      this.creds.set(registry, found);
    }
    return found;
  }

  private async authorize(registry: string, challenge: string, scopes: string[]): Promise<string | undefined> {
    const { scheme, params } = parseChallenge(challenge);
    const creds = await this.credentialsFor(registry);
    const basic = creds ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` : undefined;
    if (scheme === 'basic') return basic;
    if (scheme !== 'bearer' || !params.realm) return undefined;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    for (const s of scopes) url.searchParams.append('scope', s);
    const res = await this.fetchWithRetry(`token from ${url.host}`, url, {
      method: 'GET',
      headers: basic ? { authorization: basic } : {},
    });
    if (res.status !== 200) {
      throw new RegistryError(
        `${registry} refused a token for ${scopes.join(' ')} (HTTP ${res.status}): ${res.body.toString('utf8').slice(0, 200)}. Check the registry credentials.`,
        res.status,
      );
    }
    const j = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string };
    const token = j.token ?? j.access_token;
    return token ? `Bearer ${token}` : undefined;
  }

  private async fetchWithRetry(
    what: string,
    url: URL,
    init: { method: string; headers: Record<string, string>; body?: Buffer },
  ): Promise<RegistryResponse> {
    const policy = this.options.retry ?? DEFAULT_RETRY;
    try {
      return await withRetry(
        what,
        policy,
        async (attempt) => {
          if (attempt > 1) this.traffic.retries++;
          this.traffic.requests++;
          // The stall limit (network-timeout) on the headers and on each piece of the body; the
          // retries are this loop's, so the fetch itself does not retry.
          const res = await limitedFetch(
            url,
            { method: init.method, headers: init.headers, body: init.body, redirect: 'follow' },
            { retry: false, service: 'the registry', source: this.options.source },
          );
          const body = Buffer.from(await res.arrayBuffer());
          log.debug(`${init.method} ${url.href} → ${res.status}`);
          if (res.status === 429 || res.status >= 500) {
            const after = res.headers.get('retry-after');
            const afterMs = after && /^\d+$/.test(after) ? Number(after) * 1000 : undefined;
            throw new TransientStatus(res.status, afterMs, body.toString('utf8').slice(0, 200).trim());
          }
          return { status: res.status, headers: res.headers, body };
        },
        (e): Verdict => {
          if (e instanceof TransientStatus) return { retry: true, reason: `HTTP ${e.status}`, afterMs: e.afterMs };
          // A stalled POST may have reached the registry: sending it again is not safe.
          if (e instanceof NetworkError)
            return {
              retry: !(e.kind === 'stalled' && init.method === 'POST'),
              reason: e.kind === 'stalled' ? 'stalled' : e.message.split(':')[0]!,
            };
          const cause = (e as { cause?: { code?: string; message?: string } }).cause;
          if (e instanceof TypeError || cause?.code)
            return { retry: true, reason: cause?.code ?? cause?.message ?? (e as Error).message };
          if (e instanceof DOMException && e.name === 'TimeoutError') return { retry: true, reason: 'timed out' };
          return { retry: false, reason: String(e) };
        },
      );
    } catch (e) {
      const last = (e as { cause?: unknown }).cause ?? e;
      if (last instanceof TransientStatus)
        throw new RegistryError(`${init.method} ${url.href}: ${(e as Error).message}`, last.status);
      // A connection that failed or stalled is not an HTTP status: the host, the attempts, the limit or the address's source.
      if (last instanceof NetworkError) {
        const attempts = e instanceof RetriesExhausted ? ` (${e.attempts} attempts)` : '';
        throw new NetworkError(last.kind, last.host, `${what}${attempts}: ${last.message}`, {
          input: last.input,
          cause: last,
        });
      }
      throw e;
    }
  }

  /** One API call: `path` is below /v2/; the token for `scopes` is fetched when challenged. */
  async request(
    registry: string,
    method: string,
    apiPath: string,
    options: { headers?: Record<string, string>; body?: Buffer; scopes: string[] },
  ): Promise<RegistryResponse> {
    const url = new URL(apiPath, this.baseUrl(registry));
    const key = `${registry} ${options.scopes.join(' ')}`;
    const headers = { ...options.headers };
    const known = this.tokens.get(key);
    if (known) headers.authorization = known;
    const what = `${method} ${registry}/${apiPath.split('?')[0]}`;
    let res = await this.fetchWithRetry(what, url, { method, headers, body: options.body });
    if (res.status === 401) {
      const challenge = res.headers.get('www-authenticate');
      const auth = challenge ? await this.authorize(registry, challenge, options.scopes) : undefined;
      if (auth) {
        this.tokens.set(key, auth);
        res = await this.fetchWithRetry(what, url, {
          method,
          headers: { ...headers, authorization: auth },
          body: options.body,
        });
      }
    }
    return res;
  }

  private static describe(res: RegistryResponse): { code?: string; message: string } {
    try {
      const j = JSON.parse(res.body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
      const e = j.errors?.[0];
      if (e) return { code: e.code, message: `${e.code ?? ''} ${e.message ?? ''}`.trim() };
    } catch {
      /* not JSON */
    }
    return { message: res.body.toString('utf8').slice(0, 200).trim() || `HTTP ${res.status}` };
  }

  private static fail(what: string, res: RegistryResponse): never {
    const { code, message } = RegistryClient.describe(res);
    const hint =
      res.status === 401 || res.status === 403
        ? ' Give registry-username and registry-password that may read and write this repository.'
        : '';
    throw new RegistryError(`${what}: HTTP ${res.status} ${message}.${hint}`, res.status, code);
  }

  private static ref(r: ImageReference): string {
    const ref = r.digest ?? r.tag;
    if (!ref) throw new Error(`${formatReference(r)} has neither tag nor digest`);
    return ref;
  }

  /** The manifest's exact bytes, or undefined when the registry has none under that tag or digest. */
  async getManifest(r: ImageReference): Promise<Manifest | undefined> {
    this.traffic.manifestGets++;
    const res = await this.request(r.registry, 'GET', `${r.repository}/manifests/${RegistryClient.ref(r)}`, {
      headers: { accept: ACCEPT },
      scopes: [`repository:${r.repository}:pull`],
    });
    if (res.status === 404) return undefined;
    if (res.status !== 200) RegistryClient.fail(`reading ${formatReference(r)}`, res);
    const digest = sha256(res.body);
    if (r.digest && r.digest !== digest)
      throw new RegistryError(`${formatReference(r)}: the registry sent bytes whose digest is ${digest}`, 200);
    const json = JSON.parse(res.body.toString('utf8')) as Manifest['json'];
    const mediaType =
      (res.headers.get('content-type') ?? '').split(';')[0]!.trim() || json.mediaType || MEDIA.ociManifest;
    return { bytes: res.body, digest, mediaType, json };
  }

  /** Digest and media type without the body, or undefined when absent. */
  async headManifest(r: ImageReference): Promise<{ digest: string; mediaType: string; size: number } | undefined> {
    const res = await this.request(r.registry, 'HEAD', `${r.repository}/manifests/${RegistryClient.ref(r)}`, {
      headers: { accept: ACCEPT },
      scopes: [`repository:${r.repository}:pull`],
    });
    if (res.status === 404) return undefined;
    if (res.status !== 200) RegistryClient.fail(`reading ${formatReference(r)}`, res);
    const digest = res.headers.get('docker-content-digest');
    if (!digest) {
      // Some registries omit the header on HEAD: the body tells.
      return (await this.getManifest(r).then(
        (m) => m && { digest: m.digest, mediaType: m.mediaType, size: m.bytes.length },
      ))!;
    }
    return {
      digest,
      mediaType: (res.headers.get('content-type') ?? '').split(';')[0]!,
      size: Number(res.headers.get('content-length') ?? 0),
    };
  }

  async putManifest(r: ImageReference, mediaType: string, bytes: Buffer): Promise<string> {
    const res = await this.request(r.registry, 'PUT', `${r.repository}/manifests/${RegistryClient.ref(r)}`, {
      headers: { 'content-type': mediaType },
      body: bytes,
      scopes: [`repository:${r.repository}:pull,push`],
    });
    if (res.status !== 201 && res.status !== 200) RegistryClient.fail(`writing ${formatReference(r)}`, res);
    return res.headers.get('docker-content-digest') ?? sha256(bytes);
  }

  /** A small blob (an image config), checked against its digest. */
  async getBlob(registry: string, repository: string, digest: string): Promise<Buffer> {
    this.traffic.blobGets++;
    const res = await this.request(registry, 'GET', `${repository}/blobs/${digest}`, {
      scopes: [`repository:${repository}:pull`],
    });
    if (res.status !== 200) RegistryClient.fail(`reading blob ${digest} of ${registry}/${repository}`, res);
    this.traffic.blobBytes += res.body.length;
    if (sha256(res.body) !== digest)
      throw new RegistryError(`blob ${digest} of ${registry}/${repository} does not match its digest`, 200);
    return res.body;
  }

  async hasBlob(registry: string, repository: string, digest: string): Promise<boolean> {
    const res = await this.request(registry, 'HEAD', `${repository}/blobs/${digest}`, {
      scopes: [`repository:${repository}:pull`],
    });
    if (res.status === 404) return false;
    if (res.status !== 200) RegistryClient.fail(`checking blob ${digest} in ${registry}/${repository}`, res);
    return true;
  }

  /** Links a blob of `from` into `repository` on the same registry, without moving its bytes. */
  async mountBlob(registry: string, repository: string, digest: string, from: string): Promise<void> {
    const q = new URLSearchParams({ mount: digest, from });
    const res = await this.request(registry, 'POST', `${repository}/blobs/uploads/?${q.toString()}`, {
      scopes: [`repository:${repository}:pull,push`, `repository:${from}:pull`],
    });
    if (res.status === 201) return;
    if (res.status === 202) {
      // The registry opened an upload instead (no mount across these repositories): cancel it.
      const location = res.headers.get('location');
      if (location) {
        const url = new URL(location, this.baseUrl(registry));
        await this.request(registry, 'DELETE', url.pathname.replace(/^\/v2\//, '') + url.search, {
          scopes: [`repository:${repository}:pull,push`],
        }).catch(() => undefined);
      }
      throw new RegistryError(
        `${registry} would not link blob ${digest} from ${from} into ${repository} (it asked for an upload instead)`,
        202,
      );
    }
    RegistryClient.fail(`linking blob ${digest} from ${from} into ${registry}/${repository}`, res);
  }

  /**
   * Removes a tag, leaving the manifest (a list may still point at it). Registries that only
   * delete by digest (Docker's distribution 2.x) answer `unsupported`.
   */
  async deleteTag(r: ImageReference): Promise<'deleted' | 'absent' | 'unsupported'> {
    const res = await this.request(r.registry, 'DELETE', `${r.repository}/manifests/${r.tag}`, {
      scopes: [`repository:${r.repository}:pull,push,delete`, `repository:${r.repository}:*`],
    });
    if (res.status === 202 || res.status === 200) return 'deleted';
    if (res.status === 404) {
      const { code } = RegistryClient.describe(res);
      return code === 'MANIFEST_UNKNOWN' || code === 'NAME_UNKNOWN' ? 'absent' : 'unsupported';
    }
    if (res.status === 400 || res.status === 405) return 'unsupported';
    RegistryClient.fail(`deleting tag ${formatReference(r)}`, res);
  }

  /**
   * Removes a manifest by digest, with every tag on it (the OCI way, and the only one Docker's
   * distribution 2.x has). Only safe where no list of the same repository needs the manifest.
   */
  async deleteManifest(r: ImageReference): Promise<'deleted' | 'absent' | 'unsupported'> {
    if (!r.digest) throw new Error(`${formatReference(r)} has no digest`);
    const res = await this.request(r.registry, 'DELETE', `${r.repository}/manifests/${r.digest}`, {
      scopes: [`repository:${r.repository}:pull,push,delete`, `repository:${r.repository}:*`],
    });
    if (res.status === 202 || res.status === 200) return 'deleted';
    if (res.status === 404) return 'absent';
    if (res.status === 400 || res.status === 405) return 'unsupported';
    RegistryClient.fail(`deleting ${formatReference(r)}`, res);
  }
}
