// Time limits and failure words for everything that crosses the network: git (through
// core/git), the GitHub API (core/github), the registry (core/docker/registry) and Docker's own
// pulls and pushes. A remote that accepts a connection and then says nothing would otherwise keep
// a job waiting until the runner kills it, six hours later.
//
// The limit is a *stall* limit: how long a transfer may go without a byte, not how long it may
// take, so a large upload on a slow runner is not cut short. One setting for the whole step,
// made once by the action frame from the `network-timeout` input.
import { ActionError } from '../action/errors.ts';

/** Used when no action set a limit (the library called directly). Each action.yml declares its own default. */
export const DEFAULT_STALL_SECONDS = 60;

export interface NetworkLimits {
  /** Seconds without progress after which a transfer counts as stalled. */
  stallSeconds: number;
  /** The input that set it, named in every stall message; null outside an action. */
  input: string | null;
}

let limits: NetworkLimits = { stallSeconds: DEFAULT_STALL_SECONDS, input: null };

export function setNetworkLimits(next: Partial<NetworkLimits>): void {
  limits = { ...limits, ...next };
}

export function networkLimits(): Readonly<NetworkLimits> {
  return limits;
}

/** "60 s, the stall limit (input "network-timeout")": for every stall message. */
export function describeLimit(): string {
  return `${limits.stallSeconds} s, the stall limit${limits.input ? ` (input "${limits.input}")` : ''}`;
}

/**
 * Docker prints nothing while it moves one layer (minutes for a large one), so its pulls and
 * pushes count as stalled after this many stall limits without output (15 minutes by default).
 */
export const DOCKER_STALL_LIMITS = 15;

export function dockerIdleMs(): number {
  return limits.stallSeconds * DOCKER_STALL_LIMITS * 1000;
}

/** "900 s (15 × the stall limit, input "network-timeout")", after "printed nothing for". */
export function describeDockerLimit(): string {
  return `${limits.stallSeconds * DOCKER_STALL_LIMITS} s (${DOCKER_STALL_LIMITS} × the stall limit${limits.input ? `, input "${limits.input}"` : ''})`;
}

/** What to do about a stall: re-run, or raise the input when the service is only slow. */
export function stallAdvice(): string {
  return limits.input
    ? `Re-run the job; if the service is only slow, raise "${limits.input}" (now ${limits.stallSeconds}).`
    : 'Re-run the job; if the service is only slow, raise the stall limit.';
}

export type NetworkFailureKind = 'stalled' | 'refused' | 'dns' | 'reset' | 'timeout' | 'unreachable' | 'tls';

const WORDS: Record<NetworkFailureKind, string> = {
  stalled: 'it stopped sending',
  refused: 'connection refused',
  dns: 'the host name does not resolve',
  reset: 'the connection was reset',
  timeout: 'the connection timed out',
  unreachable: 'the host is unreachable',
  tls: 'the TLS handshake failed',
};

/** A failure to talk to a host at all: never an HTTP status, always the host and, when known, where its address came from. */
export class NetworkError extends ActionError {
  // Plain fields, not parameter properties: this module is loaded by Node's type stripping too.
  readonly kind: NetworkFailureKind;
  readonly host: string;

  constructor(
    kind: NetworkFailureKind,
    host: string,
    message: string,
    options: { input?: string; cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'NetworkError';
    this.kind = kind;
    this.host = host;
  }
}

const CODES: [RegExp, NetworkFailureKind][] = [
  [/^ECONNREFUSED$/, 'refused'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/, 'dns'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNABORTED|UND_ERR_CLOSED)$/, 'reset'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, 'timeout'],
  [/^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)$/, 'unreachable'],
  [/^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL_)/, 'tls'],
];

/** The kind of connection failure an error (or one of its causes) is, or null when it is something else (an HTTP answer, a bug). */
export function networkFailureKind(error: unknown): NetworkFailureKind | null {
  for (
    let e = error as { code?: unknown; cause?: unknown; kind?: unknown } | undefined, depth = 0;
    e && depth < 6;
    e = e.cause as typeof e, depth++
  ) {
    if (e instanceof NetworkError) return e.kind;
    if (typeof e.code === 'string') for (const [re, kind] of CODES) if (re.test(e.code)) return kind;
  }
  return null;
}

/** `host:port` of a URL, as a message names it. */
export function hostOf(url: string | URL): string {
  try {
    return new URL(String(url)).host;
  } catch {
    return String(url);
  }
}

export interface LimitedFetchOptions {
  /** Where the address came from, for the message: `GITHUB_API_URL`, `input "image"`. */
  source?: string;
  /** The input to name in the error (the one that set the address). */
  input?: string;
  /**
   * Try once more after a stall or a connection failure. Only for requests that are safe to send
   * twice (GET, HEAD, a PUT of the same bytes); the default is GET and HEAD.
   */
  retry?: boolean;
  /** What the service is called in messages: `GitHub`, `the registry`. */
  service?: string;
  /** Called before the one retry, with why. */
  onRetry?: (reason: string) => void;
  /** The fetch to limit (a proxy-aware one); the global fetch by default. */
  fetch?: (url: string | URL, init: RequestInit) => Promise<Response>;
}

/**
 * `fetch` with the stall limit: the answer's headers must come within the limit (plus time to
 * send the body at 64 KiB/s), and then each piece of the body. The body is read here, so a
 * stall in the middle of it fails the request instead of leaving a half-read answer behind.
 * A stall or a connection failure becomes a `NetworkError` naming the host, the limit and the
 * input; a request safe to repeat is tried once more first.
 */
export async function limitedFetch(
  url: string | URL,
  init: RequestInit = {},
  options: LimitedFetchOptions = {},
): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const retry = options.retry ?? (method === 'GET' || method === 'HEAD');
  const attempts = retry ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchOnce(url, init, options);
    } catch (error) {
      const callerAborted = init.signal?.aborted;
      if (callerAborted || !(error instanceof NetworkError) || attempt >= attempts) throw error;
      options.onRetry?.(error.kind === 'stalled' ? `no answer for ${limits.stallSeconds} s` : WORDS[error.kind]);
      // A refused connection may be a service restarting: give it a moment. A stall has waited already.
      if (error.kind !== 'stalled') await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function fetchOnce(url: string | URL, init: RequestInit, options: LimitedFetchOptions): Promise<Response> {
  const host = hostOf(url);
  const stallMs = limits.stallSeconds * 1000;
  const controller = new AbortController();
  const outer = init.signal;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener('abort', onOuterAbort, { once: true });
  }
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, ms);
  };
  const bodyBytes =
    typeof init.body === 'string'
      ? Buffer.byteLength(init.body)
      : init.body instanceof Uint8Array
        ? init.body.byteLength
        : init.body instanceof ArrayBuffer
          ? init.body.byteLength
          : 0;
  arm(stallMs + Math.ceil((bodyBytes / (64 * 1024)) * 1000));
  try {
    const res = await (options.fetch ?? fetch)(url, { ...init, signal: controller.signal });
    arm(stallMs);
    const chunks: Uint8Array[] = [];
    if (res.body) {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        chunks.push(chunk);
        arm(stallMs);
      }
    }
    clearTimeout(timer);
    const nullBody = res.status === 204 || res.status === 205 || res.status === 304;
    const copy = new Response(nullBody ? null : Buffer.concat(chunks), {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
    Object.defineProperty(copy, 'url', { value: res.url });
    return copy;
  } catch (error) {
    if (outer?.aborted) throw error;
    const who = options.service ? `${options.service} (${host})` : host;
    if (stalled) {
      throw new NetworkError(
        'stalled',
        host,
        `${who} stopped answering: nothing came for ${describeLimit()}. ${stallAdvice()}`,
        {
          input: limits.input ?? undefined,
          cause: error,
        },
      );
    }
    const kind = networkFailureKind(error);
    if (kind)
      throw new NetworkError(kind, host, connectionMessage(kind, host, options.service, options.source), {
        input: options.input,
        cause: error,
      });
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/** "no connection to HOST (connection refused): a connection error, not an answer from GitHub. …" */
export function connectionMessage(
  kind: NetworkFailureKind,
  host: string,
  service = 'the server',
  source?: string,
): string {
  const from = source
    ? ` The address comes from ${source}: check it, or re-run the job if the service was down.`
    : ' Check the address, or re-run the job if the service was down.';
  return `no connection to ${host} (${WORDS[kind]}): a connection error, not an answer from ${service}.${from}`;
}
