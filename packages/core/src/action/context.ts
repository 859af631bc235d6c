// What the runner tells a step about the run: read from the environment and the event file
// directly, because @actions/github's context would load Octokit at start-up.
import * as fs from 'node:fs';

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

export function readContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  let payload: Record<string, unknown> = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath && fs.existsSync(eventPath)) {
    payload = JSON.parse(fs.readFileSync(eventPath, 'utf8')) as Record<string, unknown>;
  }
  const ref = env.GITHUB_REF ?? '';
  const pr = payload.pull_request as Record<string, any> | undefined;
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
