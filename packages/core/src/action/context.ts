// What the runner tells a step about the run: read from the environment and the event file
// directly, because @actions/github's context would load Octokit at start-up.
import * as fs from 'node:fs';
import { ActionError } from './errors.ts';

export interface PullRequestInfo {
  number: number;
  title: string;
  draft: boolean;
  baseRef: string;
  headRef: string;
}

export interface RunContext {
  eventName: string;
  ref: string;
  sha: string;
  /** `owner/name`, empty outside a runner. */
  repository: string;
  apiUrl: string;
  serverUrl: string;
  /** The tag name when the run is for a tag push. */
  tag: string | null;
  pullRequest: PullRequestInfo | null;
  payload: Record<string, unknown>;
  /** Running under nektos/act, where nothing should be written to GitHub unless asked. */
  act: boolean;
}

/** The fields of the event's pull_request read here: JSON scalars, converted as read. */
type Scalar = string | number | boolean | null;
interface PullRequestPayload {
  number?: Scalar;
  title?: Scalar;
  draft?: Scalar;
  base?: { ref?: Scalar };
  head?: { ref?: Scalar };
}

export function readContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const ref = env.GITHUB_REF ?? '';
  const pr = payload.pull_request as PullRequestPayload | undefined;
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ref,
    sha: env.GITHUB_SHA ?? '',
    repository: env.GITHUB_REPOSITORY ?? '',
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    tag: ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : null,
    pullRequest: pr
      ? {
          number: Number(pr.number),
          title: String(pr.title ?? ''),
          draft: Boolean(pr.draft),
          baseRef: String(pr.base?.ref ?? ''),
          headRef: String(pr.head?.ref ?? ''),
        }
      : null,
    payload,
    act: env.ACT === 'true',
  };
}

/**
 * The event payload, read before anything else so that a broken one stops the step before its
 * first change. A missing file is an empty payload (some local runners write none); a file that
 * is there must be a JSON object. Its text is never shown: a payload may hold anything.
 */
function readPayload(eventPath: string | undefined): Record<string, unknown> {
  if (!eventPath || !fs.existsSync(eventPath)) return {};
  const fix =
    'The runner writes this file; if a step or act (--eventpath) provides it, give a JSON object such as {"ref": "refs/heads/main"}.';
  let text: string;
  try {
    text = fs.readFileSync(eventPath, 'utf8');
  } catch (error) {
    throw new ActionError(
      `The event payload GITHUB_EVENT_PATH (${eventPath}) cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}). ${fix}`,
      { cause: error },
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text around the fault: not repeated here.
    const what = text.trim() ? 'is not valid JSON' : 'is empty';
    throw new ActionError(`The event payload GITHUB_EVENT_PATH (${eventPath}) ${what}. ${fix}`, { cause: error });
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ActionError(`The event payload GITHUB_EVENT_PATH (${eventPath}) is not a JSON object. ${fix}`);
  }
  return payload as Record<string, unknown>;
}
