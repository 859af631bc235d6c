// Stand-in for @actions/http-client inside @actions/core (see scripts/build.mjs): @actions/core
// constructs an HttpClient only to fetch an OIDC token and calls getJson on it. The real module,
// and undici with it, loads at that first call instead of at process start.
import type { HttpClient as RealHttpClient } from '@actions/http-client';

type Args = ConstructorParameters<typeof RealHttpClient>;

export class HttpClient {
  private readonly args: Args;

  constructor(...args: Args) {
    this.args = args;
  }

  async getJson<T>(url: string) {
    const { HttpClient: Real } = await import('@actions/http-client');
    return new Real(...this.args).getJson<T>(url);
  }
}
