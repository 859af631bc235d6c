// Docker Hub's own API (hub.docker.com), for the one thing its registry API refuses: deleting a
// tag (docker/hub-feedback#1759). Exegol's pipeline did the same with curl until 2025.
//
// From Docker Hub's published API reference (API version 2-beta):
//   - `POST /v2/auth/token` with `{"identifier": <user>, "secret": <password or access token>}`
//     answers `{"access_token": <JWT>}` (valid 10 minutes), sent as `Authorization: Bearer …`;
//   - `DELETE /v2/repositories/{namespace}/{repository}/tags/{tag}` removes the tag (what
//     Exegol's workflow called, with the token of the older, now deprecated, `/v2/users/login`).
// Tested against a double that enforces this contract; it has never run against Docker Hub here.
import { maskSecret } from '../action/index.ts';
import { formatReference, type ImageReference } from './reference.ts';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.ts';
import type { Credentials } from './registry.ts';

export const DOCKER_HUB_API = 'https://hub.docker.com';

export class HubError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export interface HubClientOptions {
  credentials: Credentials;
  /** Where the API answers: Docker Hub itself unless a test points it at a double. */
  baseUrl?: string;
  retry?: RetryPolicy;
}

export class DockerHubClient {
  private token?: string;
  /** Requests sent, for tests and the summary. */
  requests = 0;

  constructor(private readonly options: HubClientOptions) {
    maskSecret(options.credentials.password);
  }

  private url(p: string): URL {
    return new URL(p, this.options.baseUrl ?? DOCKER_HUB_API);
  }

  private async send(
    method: string,
    p: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; text: string }> {
    return withRetry(
      `${method} ${p}`,
      this.options.retry ?? DEFAULT_RETRY,
      async () => {
        this.requests++;
        const res = await fetch(this.url(p), { method, headers, body, signal: AbortSignal.timeout(60_000) });
        const text = await res.text();
        if (res.status === 429 || res.status >= 500) throw new HubError(`HTTP ${res.status}`, res.status);
        return { status: res.status, text };
      },
      (e) =>
        e instanceof HubError || e instanceof TypeError
          ? { retry: true, reason: e.message }
          : { retry: false, reason: String(e) },
    );
  }

  private async login(): Promise<string> {
    if (this.token) return this.token;
    const { username, password } = this.options.credentials;
    const res = await this.send(
      'POST',
      '/v2/auth/token',
      { 'content-type': 'application/json', accept: 'application/json' },
      JSON.stringify({ identifier: username, secret: password }),
    );
    if (res.status !== 200)
      throw new HubError(
        `Docker Hub refused the login of ${username} (HTTP ${res.status}): ${res.text.slice(0, 200)}`,
        res.status,
      );
    const token = (JSON.parse(res.text) as { access_token?: string }).access_token;
    if (!token) throw new HubError('Docker Hub answered the login without an access_token', res.status);
    maskSecret(token);
    this.token = token;
    return token;
  }

  /** Deletes one tag; `absent` when Docker Hub has no such tag. */
  async deleteTag(ref: ImageReference): Promise<'deleted' | 'absent'> {
    if (!ref.tag) throw new Error(`${formatReference(ref)} has no tag`);
    const [namespace, ...rest] = ref.repository.includes('/') ? ref.repository.split('/') : ['library', ref.repository];
    const p = `/v2/repositories/${encodeURIComponent(namespace!)}/${encodeURIComponent(rest.join('/'))}/tags/${encodeURIComponent(ref.tag)}`;
    const res = await this.send('DELETE', p, {
      authorization: `Bearer ${await this.login()}`,
      accept: 'application/json',
    });
    if (res.status === 204 || res.status === 200 || res.status === 202) return 'deleted';
    if (res.status === 404) return 'absent';
    throw new HubError(
      `Docker Hub refused to delete ${formatReference(ref)} (HTTP ${res.status}): ${res.text.slice(0, 200)}`,
      res.status,
    );
  }
}
