// Types the verify-version modules share, apart from the gate so that its parts need not import each other.

export interface ReleasePullRequest {
  number: number;
  title: string;
  draft: boolean;
  url?: string;
  /** Where its commits come from: `repository` is a fork's for a fork's pull request (null once the fork is deleted). */
  head?: { repository: string | null; ref: string; label: string };
}
