// What GitHubDouble.act() answers, for the operations whose answers tests and scripts read back:
// GitHub's response shapes, the fields read; the rest passes through as the double renders it.

interface ActBranch {
  ref: string;
  sha: string;
  label: string;
  repo: { full_name: string; fork: boolean; [field: string]: unknown };
  [field: string]: unknown;
}

export interface ActPullRequest {
  number: number;
  html_url: string;
  body: string | null;
  user: { login: string; [field: string]: unknown };
  head: ActBranch;
  base: ActBranch;
  [field: string]: unknown;
}

export interface ActMerge {
  sha: string;
  merged: boolean;
  message: string;
}

export interface ActRelease {
  id: number;
  tag_name: string;
  html_url: string;
  [field: string]: unknown;
}

export interface ActResponses {
  'repos/create-release': ActRelease;
  'pulls/create': ActPullRequest;
  'pulls/merge': ActMerge;
}

/** The answer of `operationId`: typed for those in ActResponses, `unknown` for the others. */
export type ActResponse<Id extends string> = Id extends keyof ActResponses ? ActResponses[Id] : unknown;
