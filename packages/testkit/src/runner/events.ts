// Event payloads for GITHUB_EVENT_PATH: GitHub's own examples from @octokit/webhooks-examples,
// with the fields a test cares about overridden, so actions read the shape GitHub really sends.
// The pull request examples are all same-repository (Codertocat/Hello-World into itself); a
// pull request from a fork differs only in its head: `head.repo` is the fork (`fork: true`),
// `head.user` its owner, `head.label` `user:branch`. pull_request_target carries the same
// payload as pull_request (GitHub's "Events that trigger workflows": its payload is the
// pull_request webhook's); only GITHUB_REF/GITHUB_SHA differ (the base branch, not the merge ref).
import { createRequire } from 'node:module';

export interface EventSpec {
  name: string;
  /** The payload's `action` (opened, synchronize, closed…), to pick a matching example. */
  action?: string;
  /** Merged deeply over the example. */
  payload?: Record<string, unknown>;
  /**
   * pull_request and pull_request_target: `owner/name` of the head repository when the pull
   * request comes from a fork. Default: the run's repository (same-repository pull request).
   */
  headRepository?: string;
}

/** A user or an organisation, as a payload names it; the rest passes through as GitHub wrote it. */
export interface PayloadAccount {
  login: string;
  [field: string]: unknown;
}

export interface PayloadRepository {
  name?: string;
  full_name: string;
  owner: PayloadAccount;
  [field: string]: unknown;
}

/** A pull request's head or base. */
export interface PayloadBranch {
  ref: string;
  label?: string;
  user: PayloadAccount;
  repo: PayloadRepository;
  [field: string]: unknown;
}

export interface PayloadPullRequest {
  number: number;
  base: PayloadBranch;
  head: PayloadBranch;
  [field: string]: unknown;
}

/** What GITHUB_EVENT_PATH holds: the fields this module sets, and the example's others. */
export interface EventPayload {
  action?: string;
  number?: number;
  repository: PayloadRepository;
  pull_request?: PayloadPullRequest;
  [field: string]: unknown;
}

/** A pull_request or pull_request_target payload: it always has its pull request. */
export interface PullRequestEventPayload extends EventPayload {
  number: number;
  pull_request: PayloadPullRequest;
}

type PullRequestEventName = 'pull_request' | 'pull_request_target';

const PULL_REQUEST_EVENTS = new Set<string>(['pull_request', 'pull_request_target'] satisfies PullRequestEventName[]);

interface ExampleSet {
  name: string;
  examples: Record<string, unknown>[];
}

let examples: ExampleSet[] | undefined;

function load(): ExampleSet[] {
  examples ??= createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as ExampleSet[];
  return examples;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const current = out[k];
    out[k] = isObject(v) && isObject(current) ? deepMerge(current, v) : v;
  }
  return out;
}

/** Every string of `value` with `from` replaced (URLs that name a repository or a number). */
function replaceAll(value: unknown, from: string | RegExp, to: string): unknown {
  if (typeof value === 'string') return value.replaceAll(from, to);
  if (Array.isArray(value)) return value.map((v) => replaceAll(v, from, to));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceAll(v, from, to)]));
  return value;
}

/** The example's repository object renamed: its URLs and names follow the new owner/name. */
function renamedRepo(example: PayloadRepository, fullName: string, fork: boolean): PayloadRepository {
  const [owner = '', name = ''] = fullName.split('/');
  const renamed = replaceAll(example, example.full_name, fullName);
  const repo = replaceAll(renamed, new RegExp(`/${example.owner.login}(?=/|$)`, 'g'), `/${owner}`) as PayloadRepository;
  return { ...repo, name, full_name: fullName, fork, owner: { ...repo.owner, login: owner } };
}

export function eventPayload(
  spec: EventSpec & { name: PullRequestEventName },
  run: { repository: string; ref: string; sha: string },
): PullRequestEventPayload;
export function eventPayload(spec: EventSpec, run: { repository: string; ref: string; sha: string }): EventPayload;
export function eventPayload(spec: EventSpec, run: { repository: string; ref: string; sha: string }): EventPayload {
  // GitHub has no example of a schedule event: what Actions puts in it, the cron line and the
  // workflow file.
  if (spec.name === 'schedule') {
    const [owner, name] = run.repository.split('/');
    const base = {
      schedule: '0 4 * * 1',
      workflow: '.github/workflows/test.yml',
      repository: { name, full_name: run.repository, owner: { login: owner } },
    };
    return deepMerge(base, spec.payload ?? {}) as EventPayload;
  }
  // pull_request_target carries pull_request's payload.
  const examplesOf = PULL_REQUEST_EVENTS.has(spec.name) ? 'pull_request' : spec.name;
  const set = load().find((e) => e.name === examplesOf);
  if (!set) throw new Error(`no example payload for event "${spec.name}"`);
  const example =
    (spec.action ? set.examples.find((e) => e.action === spec.action) : set.examples[0]) ?? set.examples[0]!;
  const [owner, name] = run.repository.split('/');
  const common: Record<string, unknown> = {
    repository: { name, full_name: run.repository, owner: { login: owner } },
  };
  if (spec.name === 'push') Object.assign(common, { ref: run.ref, after: run.sha });
  const pr = (example as Partial<EventPayload>).pull_request;
  let source: Record<string, unknown> = structuredClone(example);
  if (PULL_REQUEST_EVENTS.has(spec.name) && pr) {
    // The pull request's own URLs name the base repository.
    source = replaceAll(source, pr.base.repo.full_name, run.repository) as Record<string, unknown>;
    const headRepository = spec.headRepository ?? run.repository;
    const headOwner = headRepository.split('/')[0]!;
    const base = renamedRepo(pr.base.repo, run.repository, false);
    const head = headRepository === run.repository ? base : renamedRepo(pr.head.repo, headRepository, true);
    common.repository = base;
    common.pull_request = {
      base: { repo: base, user: { ...pr.base.user, login: owner } },
      head: { repo: head, user: { ...pr.head.user, login: headOwner } },
    };
  }
  const payload = deepMerge(deepMerge(source, common), spec.payload ?? {}) as EventPayload;
  const merged = payload.pull_request;
  if (PULL_REQUEST_EVENTS.has(spec.name) && merged && pr) {
    const given = (spec.payload?.pull_request ?? {}) as { head?: { label?: string }; base?: { label?: string } };
    // Labels and the top-level number follow what the test set, unless it set them too.
    if (given.head?.label === undefined) merged.head.label = `${merged.head.user.login}:${merged.head.ref}`;
    if (given.base?.label === undefined) merged.base.label = `${merged.base.user.login}:${merged.base.ref}`;
    if (spec.payload?.number === undefined) payload.number = merged.number;
    if (merged.number !== pr.number) {
      const links = replaceAll(
        { ...merged, head: undefined, base: undefined },
        new RegExp(`/(pulls?|issues)/${pr.number}(?=[/.#]|$)`, 'g'),
        `/$1/${merged.number}`,
      ) as Record<string, unknown>;
      Object.assign(merged, { ...links, head: merged.head, base: merged.base });
    }
  }
  return payload;
}
