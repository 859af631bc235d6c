// The release pull request as the gate sees it: found by release-pr.ts, checked by index.ts.
export interface ReleasePullRequest {
  number: number;
  title: string;
  draft: boolean;
  url?: string;
  /** Where its commits come from: `repository` is a fork's for a fork's pull request (null once the fork is deleted). */
  head?: { repository: string | null; ref: string; label: string };
}
