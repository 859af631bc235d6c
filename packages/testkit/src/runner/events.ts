// Event payloads for GITHUB_EVENT_PATH: GitHub's own examples from @octokit/webhooks-examples,
// with the fields a test cares about overridden, so actions read the shape GitHub really sends.
import { createRequire } from 'node:module';

export interface EventSpec {
  name: string;
  /** The payload's `action` (opened, synchronize, closed…), to pick a matching example. */
  action?: string;
  /** Merged deeply over the example. */
  payload?: Record<string, unknown>;
}

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
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

export function eventPayload(spec: EventSpec, run: { repository: string; ref: string; sha: string }): Record<string, any> {
  // GitHub has no example of these two: pull_request_target carries pull_request's payload, and
  // a schedule event the cron line and the workflow file.
  if (spec.name === 'schedule') {
    const [owner, name] = run.repository.split('/');
    const base = { schedule: '0 4 * * 1', workflow: '.github/workflows/test.yml', repository: { name, full_name: run.repository, owner: { login: owner } } };
    return deepMerge(base, spec.payload ?? {});
  }
  const set = load().find((e) => e.name === (spec.name === 'pull_request_target' ? 'pull_request' : spec.name));
  if (!set) throw new Error(`no example payload for event "${spec.name}"`);
  const example = (spec.action ? set.examples.find((e) => e.action === spec.action) : set.examples[0]) ?? set.examples[0]!;
  const [owner, name] = run.repository.split('/');
  const common: Record<string, unknown> = {
    repository: { name, full_name: run.repository, owner: { login: owner } },
  };
  if (spec.name === 'push') Object.assign(common, { ref: run.ref, after: run.sha });
  return deepMerge(deepMerge(structuredClone(example), common), spec.payload ?? {});
}
