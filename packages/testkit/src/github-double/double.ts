// The GitHub API double: a node:http server on loopback that the real Octokit talks to.
// Every request goes through the same gate as on GitHub, in this order: route (GitHub's full
// route list), injected faults, implementation, authentication, repository, permission,
// JSON parsing, schema validation (GitHub's description; unknown keys ignored as GitHub ignores
// them, or refused in strict mode), handler.
import { existsSync, readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FaultResponse } from './faults.ts';
import type { ActResponse } from './types.ts';
import { BareRepo, toGitHubDate } from './git.ts';
import {
  ApiError,
  type Access,
  type DoubleServices,
  type IssueComment,
  type OperationContext,
  type PermissionName,
  type PullRequest,
  type Release,
  type RepoOptions,
  type RepoState,
  type TokenInfo,
  type TokenOptions,
  type User,
} from './model.ts';
import { operations } from './operations/index.ts';
import { latestRelease } from './operations/releases.ts';
import { loadSpecExtract, RouteTable, type Route } from './spec.ts';
import { RequestValidator, type IgnoredKey } from './validate.ts';

export interface GitHubDoubleOptions {
  /** Default 0: any free port. */
  port?: number;
  /** The web URL used in `html_url`s. Default `https://github.com`. */
  serverUrl?: string;
  repos?: Record<string, RepoOptions & { gitDir: string }>;
  tokens?: Record<string, TokenOptions>;
  /**
   * Refuse (422) body and query keys GitHub's description does not name, where GitHub would
   * ignore them. For unit tests of code that builds requests: a misspelt `make_lates` is
   * silently dropped by GitHub, and only a refusal makes the test see it. Default false: answer
   * as GitHub does, and list the keys in `double.ignored`.
   */
  strict?: boolean;
}

export interface RequestRecord {
  method: string;
  /** Path without the query string (`/uploads/...` for uploads). */
  path: string;
  query: string;
  operationId: string | null;
  status: number;
  timestamp: number;
  /** Answered by an injected fault rather than by the double's GitHub logic. */
  faulted: boolean;
  /** Who the token acts as (a PAT's events trigger workflows, GITHUB_TOKEN's do not). */
  login: string | null;
}

export interface Violation {
  method: string;
  path: string;
  operationId: string | null;
  status: number;
  message: string;
}

/** A key GitHub ignored (default mode): the request was served without it. */
export interface IgnoredParameter extends IgnoredKey {
  method: string;
  path: string;
  operationId: string;
}

export interface CountFilter {
  operationId?: string;
  method?: string;
  path?: RegExp | string;
  status?: number;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  operationId: string | null;
  faulted?: boolean;
  login?: string;
  /** Set when the request is refused for being malformed or unsupported (or is a likely mistake). */
  violation?: string;
  ignored?: IgnoredKey[];
}

const GITHUB_ACTIONS_BOT: User = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const DEFAULT_PERMISSIONS = { contents: 'write', pull_requests: 'write', issues: 'write' } as const;
const GENERIC_DOCS = 'https://docs.github.com/rest';
const UPLOAD_OPERATION = 'repos/upload-release-asset';

// The spec extract and validator depend only on the operation list: one per process.
let gate: Promise<{ table: RouteTable; validator: RequestValidator }> | undefined;
function loadGate() {
  gate ??= (async () => {
    const extract = await loadSpecExtract(Object.keys(operations), {
      verify: ({ trimmed }) => RequestValidator.create(trimmed, { checkDefinition: true }),
    });
    return { table: new RouteTable(extract.routes), validator: await RequestValidator.create(extract.trimmed) };
  })();
  return gate;
}

export async function startGitHubDouble(options: GitHubDoubleOptions = {}): Promise<GitHubDouble> {
  const { table, validator } = await loadGate();
  const double = new GitHubDouble(table, validator, options.serverUrl ?? 'https://github.com', options.strict ?? false);
  for (const [fullName, { gitDir, ...repoOptions }] of Object.entries(options.repos ?? {}))
    double.addRepo(fullName, gitDir, repoOptions);
  for (const [token, tokenOptions] of Object.entries(options.tokens ?? {})) double.addToken(token, tokenOptions);
  await double.listen(options.port ?? 0);
  return double;
}

// Fault injection: make chosen requests fail the ways GitHub fails (faults.ts), or let a hook
// change the state first (another run "winning" a race) before the request is served normally.
export interface Fault extends Partial<FaultResponse> {
  operationId?: string;
  method?: string;
  /** Tested against the path (without the query string, `/uploads` prefix included). */
  path?: RegExp;
  /** How many matching requests the fault applies to. Default 1; `Infinity` for all. */
  times?: number;
  /**
   * Runs before the request is served, e.g. to create the release "another run" just made.
   * Without `status` the request is then served normally and meets the changed state.
   */
  before?: (double: GitHubDouble) => void | Promise<unknown>;
}

export interface FaultHandle {
  /** Requests the fault has applied to so far. */
  readonly hits: number;
  readonly remaining: number;
  remove(): void;
}

interface ActiveFault {
  fault: Fault;
  hits: number;
  remaining: number;
}

function matches(fault: Fault, request: { operationId: string; method: string; path: string }): boolean {
  return (
    (fault.operationId === undefined || fault.operationId === request.operationId) &&
    (fault.method === undefined || fault.method.toUpperCase() === request.method) &&
    (fault.path === undefined || fault.path.test(request.path))
  );
}

export class GitHubDouble {
  /** The API base URL, for `GITHUB_API_URL` or Octokit's `baseUrl`. */
  url = '';
  readonly requests: RequestRecord[] = [];
  readonly violations: Violation[] = [];
  /** Keys GitHub would ignore and the double ignored (default mode; strict mode refuses them). */
  readonly ignored: IgnoredParameter[] = [];
  private readonly server: Server;
  private readonly repos = new Map<string, RepoState>();
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly faults: ActiveFault[] = [];
  private readonly locks = new Map<string, Promise<unknown>>();
  private lastId = 1000;
  private readonly services: DoubleServices;

  /** Use `startGitHubDouble`. */
  constructor(
    private readonly table: RouteTable,
    private readonly validator: RequestValidator,
    readonly serverUrl: string,
    readonly strict: boolean,
  ) {
    this.server = createServer((req, res) => void this.serve(req, res));
    const services: Omit<DoubleServices, 'apiUrl'> = {
      serverUrl,
      nextId: () => ++this.lastId,
      now: () => toGitHubDate(new Date()),
      getRepo: (fullName) => this.repos.get(fullName.toLowerCase()),
      listRepos: () => [...this.repos.values()],
    };
    // The API URL is known only once the server listens.
    this.services = Object.defineProperty(services, 'apiUrl', {
      get: () => this.url,
      enumerable: true,
    }) as DoubleServices;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    // Octokit's fetch keeps connections alive; without this close() would wait for them.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Serve `owner/name` from a bare repository (`git init --bare`). */
  addRepo(fullName: string, gitDir: string, options: RepoOptions = {}): RepoState {
    const [owner, name, extra] = fullName.split('/');
    if (!owner || !name || extra !== undefined) throw new Error(`addRepo: "${fullName}" is not owner/name`);
    if (!existsSync(path.join(gitDir, 'HEAD'))) throw new Error(`addRepo: ${gitDir} is not a git directory`);
    // The bare repository's HEAD names its default branch, as a push to GitHub's would.
    const head = /^ref: refs\/heads\/(.+)$/m.exec(readFileSync(path.join(gitDir, 'HEAD'), 'utf8'))?.[1];
    const repo: RepoState = {
      id: this.services.nextId(),
      owner,
      name,
      fullName,
      git: new BareRepo(gitDir),
      defaultBranch: options.defaultBranch ?? head ?? 'main',
      private: options.private ?? false,
      immutableReleases: options.immutableReleases ?? false,
      upstream: options.upstream,
      createdAt: this.services.now(),
      releases: [],
      pulls: [],
      labels: [],
      issueLabels: new Map(),
      comments: [],
      latestReleaseId: null,
      nextNumber: 1,
    };
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  addToken(token: string, options: TokenOptions = {}): void {
    const kind = options.kind ?? 'github-token';
    const user: User =
      kind === 'github-token' && options.login === undefined
        ? GITHUB_ACTIONS_BOT
        : { login: options.login ?? 'exegol-maintainer', id: this.services.nextId(), type: 'User' };
    this.tokens.set(token, {
      kind,
      user,
      permissions: { ...(options.permissions ?? DEFAULT_PERMISSIONS) },
      repositories: options.repositories,
    });
  }

  /** What tests inspect (live objects: read them, change state through `act`). */
  readonly state = {
    repo: (fullName: string): RepoState => {
      const repo = this.services.getRepo(fullName);
      if (!repo) throw new Error(`the GitHub double has no repository ${fullName}`);
      return repo;
    },
    releases: (fullName: string): Release[] => this.state.repo(fullName).releases,
    latestRelease: (fullName: string): Release | undefined => latestRelease(this.state.repo(fullName)),
    pulls: (fullName: string): PullRequest[] => this.state.repo(fullName).pulls,
    labels: (fullName: string, issueNumber: number): string[] =>
      this.state.repo(fullName).issueLabels.get(issueNumber) ?? [],
    comments: (fullName: string, issueNumber?: number): IssueComment[] =>
      this.state.repo(fullName).comments.filter((c) => issueNumber === undefined || c.issueNumber === issueNumber),
  };

  count(filter: CountFilter = {}): number {
    return this.requests.filter(
      (r) =>
        (filter.operationId === undefined || r.operationId === filter.operationId) &&
        (filter.method === undefined || r.method === filter.method.toUpperCase()) &&
        (filter.status === undefined || r.status === filter.status) &&
        (filter.path === undefined ||
          (typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))),
    ).length;
  }

  resetCounts(): void {
    this.requests.length = 0;
  }

  clearViolations(): void {
    this.violations.length = 0;
  }

  clearIgnored(): void {
    this.ignored.length = 0;
  }

  /**
   * For tests that run our code in the default mode and still want a misspelt key caught: the
   * request was answered as GitHub answers it, and this fails afterwards.
   */
  assertNothingIgnored(): void {
    if (!this.ignored.length) return;
    const lines = this.ignored.map((i) => `- ${i.method} ${i.path} (${i.operationId}): ${i.where} key "${i.key}"`);
    throw new Error(
      `GitHub would ignore ${this.ignored.length} key(s) the request(s) sent (misspelt, or not a parameter of the operation):\n${lines.join('\n')}`,
    );
  }

  assertNoViolations(): void {
    if (!this.violations.length) return;
    const lines = this.violations.map(
      (v) => `- ${v.method} ${v.path}${v.operationId ? ` (${v.operationId})` : ''} → ${v.status}: ${v.message}`,
    );
    throw new Error(
      `The GitHub double saw ${this.violations.length} request(s) GitHub would refuse or that it cannot answer:\n${lines.join('\n')}`,
    );
  }

  injectFault(fault: Fault): FaultHandle {
    const active: ActiveFault = { fault, hits: 0, remaining: fault.times ?? 1 };
    this.faults.push(active);
    return {
      get hits() {
        return active.hits;
      },
      get remaining() {
        return active.remaining;
      },
      remove: () => {
        const index = this.faults.indexOf(active);
        if (index !== -1) this.faults.splice(index, 1);
      },
    };
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /**
   * Performs an operation directly, as another actor would (default: github-actions[bot]), with
   * the same validation and logic but no HTTP, auth, faults or counting. Parameters are flat as
   * in Octokit (`{ owner, repo, tag_name }`); for an upload pass `data` (and `headers`).
   * Meant for test set-up and for fault hooks that simulate a concurrent run. Validation is
   * always strict here: an unknown key in a test's own set-up is a typo in the test.
   */
  async act<Id extends string>(
    operationId: Id,
    parameters: Record<string, unknown> = {},
    { token }: { token?: string } = {},
  ): Promise<ActResponse<Id>> {
    const operation = operations[operationId];
    const route = this.table.find(operationId);
    if (!operation || !route) throw new Error(`the GitHub double does not implement ${operationId}`);
    const { data, headers = {}, ...rest } = parameters as { data?: Buffer | string; headers?: IncomingHttpHeaders };
    const params: Record<string, string> = {};
    const query: Record<string, string> = {};
    const body: Record<string, unknown> = {};
    const pathNames = [...route.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const queryNames = this.validator.queryParameterNames(operationId);
    for (const [key, value] of Object.entries(rest)) {
      if (pathNames.includes(key)) params[key] = String(value);
      else if (queryNames.includes(key)) query[key] = String(value);
      else body[key] = value;
    }
    const hasBody = Object.keys(body).length > 0;
    const problems = this.validator.validate({
      operationId,
      template: route.template,
      params,
      query,
      body: hasBody ? body : undefined,
    });
    if (problems.length) throw new Error(`act(${operationId}): invalid request:\n${problems.join('\n')}`);
    const repo = this.state.repo(`${params.owner}/${params.repo}`);
    const info = token === undefined ? undefined : this.tokens.get(token);
    const ctx = this.context(repo, {
      params,
      query,
      body: hasBody ? body : undefined,
      rawBody: data === undefined ? Buffer.alloc(0) : Buffer.from(data),
      headers,
      url: new URL(`${this.url}${route.template}`),
      user: info?.user ?? GITHUB_ACTIONS_BOT,
      can: (p, a) => (info ? hasAccess(info, p, a) : true),
      warn: () => {},
    });
    return (await this.withLock(repo.fullName, () => operation.handle(ctx))).body as ActResponse<Id>;
  }

  private context(repo: RepoState, parts: Omit<OperationContext, 'services' | 'repo'>): OperationContext {
    return { services: this.services, repo, ...parts };
  }

  /** GitHub serialises writes to a repository; so does the double, which keeps races decidable. */
  private withLock<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    this.locks.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    let answer: Answer;
    try {
      const raw = await readBody(req);
      answer = await this.dispatch(method, url, req.headers, raw);
    } catch (error) {
      // A bug in the double: fail the test loudly rather than look like a GitHub outage.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      answer = {
        status: 500,
        body: { message: `GitHub double internal error: ${message}` },
        operationId: null,
        violation: message,
      };
    }
    this.requests.push({
      method,
      path: url.pathname,
      query: url.search,
      operationId: answer.operationId,
      status: answer.status,
      timestamp: Date.now(),
      faulted: answer.faulted ?? false,
      login: answer.login ?? null,
    });
    if (answer.violation) {
      this.violations.push({
        method,
        path: url.pathname,
        operationId: answer.operationId,
        status: answer.status,
        message: answer.violation,
      });
    }
    for (const key of answer.ignored ?? [])
      this.ignored.push({ ...key, method, path: url.pathname, operationId: answer.operationId! });
    const headers: Record<string, string> = {
      'x-github-request-id': `DOUBLE:${this.requests.length}`,
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...answer.headers,
    };
    if (answer.status === 204 || answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
    } else if (Buffer.isBuffer(answer.body)) {
      res.writeHead(answer.status, { 'content-type': 'application/octet-stream', ...headers }).end(answer.body);
    } else {
      res
        .writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(JSON.stringify(answer.body));
    }
  }

  private async dispatch(method: string, url: URL, headers: IncomingHttpHeaders, raw: Buffer): Promise<Answer> {
    // Release assets go to `upload_url` (uploads.github.com on GitHub, `/uploads` here).
    const viaUploads = url.pathname.startsWith('/uploads/');
    const apiPath = viaUploads ? url.pathname.slice('/uploads'.length) : url.pathname;
    const candidates = this.table.match(apiPath);
    const match = candidates.find((c) => c.route.method === method);
    if (!match) {
      const others = [...new Set(candidates.map((c) => c.route.method))];
      return error(404, 'Not Found', GENERIC_DOCS, null, {
        violation: others.length
          ? `GitHub has no ${method} on this path (only ${others.join(', ')}).`
          : `GitHub has no such route.`,
      });
    }
    const { route, params } = match;
    const operationId = route.operationId;
    if (viaUploads !== (operationId === UPLOAD_OPERATION)) {
      return error(404, 'Not Found', route.documentationUrl, operationId, {
        violation: viaUploads
          ? 'Only release asset uploads are served under /uploads.'
          : `Upload release assets to the release's upload_url (${this.url}/uploads/...), as GitHub serves them from uploads.github.com.`,
      });
    }

    const fault = this.takeFault({ operationId, method, path: url.pathname });
    if (fault?.before) await fault.before(this);
    if (fault?.status !== undefined) {
      const faultHeaders = typeof fault.headers === 'function' ? fault.headers() : fault.headers;
      return { status: fault.status, body: fault.body, headers: faultHeaders, operationId, faulted: true };
    }

    const operation = operations[operationId];
    if (!operation) {
      return error(
        501,
        `The GitHub double does not implement ${operationId} (${route.method} ${route.template}).`,
        route.documentationUrl,
        operationId,
        {
          violation: `not implemented by the double: ${operationId}`,
        },
      );
    }

    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!token) return error(401, 'Requires authentication', route.documentationUrl, operationId);
    const info = this.tokens.get(token);
    if (!info) return error(401, 'Bad credentials', route.documentationUrl, operationId);

    const repo = this.services.getRepo(`${params.owner}/${params.repo}`);
    if (
      !repo ||
      (info.repositories && !info.repositories.some((r) => r.toLowerCase() === repo.fullName.toLowerCase()))
    ) {
      return error(404, 'Not Found', route.documentationUrl, operationId);
    }

    if (!satisfies(info, operation.permissions)) {
      return error(403, 'Resource not accessible by integration', route.documentationUrl, operationId, {
        headers: { 'x-accepted-github-permissions': operation.permissions },
      });
    }

    let body: unknown;
    // A GET reads its parameters from the query; GitHub ignores a body sent with one (a list
    // filtered in a JSON body comes back unfiltered: crowdin/github-action#85).
    const bodyIgnored = (method === 'GET' || method === 'HEAD') && raw.length > 0;
    if (operationId !== UPLOAD_OPERATION && raw.length && !bodyIgnored) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return error(400, 'Problems parsing JSON', route.documentationUrl, operationId, {
          violation: 'the body is not JSON',
        });
      }
    }
    if (bodyIgnored && this.strict) {
      const message = `Invalid request.\n\nA ${method} request takes its parameters in the query; GitHub ignores its body.`;
      return error(422, message, route.documentationUrl, operationId, { violation: message });
    }
    const query = Object.fromEntries(url.searchParams);
    const verdict = this.validator.judge(
      { operationId, template: route.template, params, query, body },
      { strict: this.strict },
    );
    if (verdict.status !== null)
      return error(verdict.status, verdict.message, route.documentationUrl, operationId, {
        violation: verdict.message,
      });
    const ignored = {
      ignored: bodyIgnored
        ? [...verdict.ignored, { where: 'body' as const, key: '(the whole body of a GET)' }]
        : verdict.ignored,
    };

    const warnings: string[] = [];
    const ctx = this.context(repo, {
      params,
      query,
      body,
      rawBody: raw,
      headers,
      url,
      user: info.user,
      can: (p, a) => hasAccess(info, p, a),
      warn: (message) => warnings.push(message),
    });
    const warned = () => (warnings.length ? { violation: warnings.join('\n') } : {});
    try {
      const result = await this.withLock(repo.fullName, () => operation.handle(ctx));
      return { ...result, operationId, login: info.user.login, ...warned(), ...ignored };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return {
        ...error(e.status, e.message, route.documentationUrl, operationId, e.extra),
        login: info.user.login,
        ...warned(),
        ...ignored,
      };
    }
  }

  private takeFault(request: { operationId: string; method: string; path: string }): Fault | undefined {
    const active = this.faults.find((f) => f.remaining > 0 && matches(f.fault, request));
    if (!active) return undefined;
    active.remaining--;
    active.hits++;
    return active.fault;
  }

  /** The route of an operation in GitHub's description (for tests that want its template). */
  route(operationId: string): Route | undefined {
    return this.table.find(operationId);
  }
}

/** GitHub's error body: message, documentation_url, status as a string, and `errors` when any. */
function error(
  status: number,
  message: string,
  documentationUrl: string,
  operationId: string | null,
  extra: { violation?: string; headers?: Record<string, string>; errors?: unknown[] } = {},
): Answer {
  return {
    status,
    operationId,
    headers: extra.headers,
    violation: extra.violation,
    body: {
      message,
      ...(extra.errors ? { errors: extra.errors } : {}),
      documentation_url: documentationUrl,
      status: String(status),
    },
  };
}

function hasAccess(info: TokenInfo, permission: PermissionName, access: Access): boolean {
  // Every token can read metadata; write includes read.
  if (permission === 'metadata' && access === 'read') return true;
  const granted = info.permissions[permission];
  return granted === 'write' || (granted === 'read' && access === 'read');
}

/** `a=write,b=read; c=write`: any `;` alternative whose `,` permissions are all granted. */
function satisfies(info: TokenInfo, accepted: string): boolean {
  return accepted.split(';').some((alternative) =>
    alternative.split(',').every((item) => {
      const [permission, access] = item.trim().split('=') as [PermissionName, Access];
      return hasAccess(info, permission, access);
    }),
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
