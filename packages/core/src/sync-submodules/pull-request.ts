// pull-request mode's GitHub side, and the date stamps of its branch and title. The client loads
// only when a pull request is actually opened: a run with nothing to update never pays for it.
import { ActionError } from '../action/index.ts';
import type { PullRequestOutcome, PullRequestRequest } from './types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const STAMP_PLACEHOLDERS = ['date', 'YYYY', 'YY', 'MM', 'Mon', 'DD', 'epoch'] as const;

/** `{date}` 2026-12-01, `{YYYY}`, `{YY}`, `{MM}`, `{Mon}` Dec, `{DD}`, `{epoch}`, in UTC. */
export function expandStamp(template: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const values: Record<(typeof STAMP_PLACEHOLDERS)[number], string> = {
    date: `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`,
    YYYY: String(now.getUTCFullYear()),
    YY: String(now.getUTCFullYear()).slice(-2),
    MM: pad(now.getUTCMonth() + 1),
    Mon: MONTHS[now.getUTCMonth()]!,
    DD: pad(now.getUTCDate()),
    epoch: String(Math.floor(now.getTime() / 1000)),
  };
  return template.replace(/\{(\w+)\}/g, (all, name: string) =>
    name in values ? values[name as keyof typeof values] : all,
  );
}

/** Placeholders in a template that expandStamp does not know. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1]!)
    .filter((n) => !(STAMP_PLACEHOLDERS as readonly string[]).includes(n));
}

/** Opens the pull request, or updates the open one from the same head branch. */
export function pullRequestOpener(settings: {
  token: string;
  repository: string;
  labels: string[];
  apiUrl?: string;
}): (request: PullRequestRequest) => Promise<PullRequestOutcome> {
  return async (request) => {
    const github = await import('../github/index.ts');
    try {
      const client = await github.getGitHubClient({ token: settings.token, baseUrl: settings.apiUrl });
      const pr = await github.openOrUpdatePullRequest(client, {
        repository: settings.repository,
        ...request,
        labels: settings.labels,
      });
      return { number: pr.number, url: pr.url, operation: pr.operation };
    } catch (error) {
      throw new ActionError(
        `${github.describeGitHubError(error, { operation: `open the pull request from ${request.head} into ${request.base} in ${settings.repository}`, needs: { pull_requests: 'write' } })} The branch ${request.head} was pushed; a re-run finds it.`,
        { cause: error },
      );
    }
  };
}
