// The shapes the export's steps share: the options and the result (public), and what the plan
// step hands the publish step.
import type { Identity } from '../git/index.ts';
import type { CheckedList, Duplicate, RowProblem } from '../lists/index.ts';
import type { Source } from './source.ts';
import type { ToolsTarget, ToolsTargetInput } from './target.ts';

export type ListKind = 'tools' | 'resources';
export type PublishMode = 'push' | 'pull-request' | 'none';

export interface PullRequestSettings {
  token: string;
  repository: string;
  apiUrl: string;
  labels: string[];
  /** Head branches are `<prefix><key>`. */
  branchPrefix: string;
}

export interface ExportOptions {
  list: ListKind;
  source: Source;
  /** The header the list must start with. */
  header: string;
  invalidRows: 'fail' | 'drop';
  /** Rows without a link pass (the resources list has one). */
  allowEmptyLinks?: boolean;
  /** Absolute path of the docs checkout's root. */
  docs: string;
  /** Tools lists only. */
  tools?: ToolsTargetInput;
  /** Resources list only: where it goes, relative to the docs root. */
  resourcesFile?: string;
  publish: PublishMode;
  dryRun: boolean;
  /** The branch pushed to, or the pull request's base. */
  branch: string;
  identity?: Identity;
  auth?: { token?: string; sshKey?: string; serverUrl?: string };
  pullRequest?: PullRequestSettings;
  /** Push attempts when the branch keeps moving. */
  attempts?: number;
  tempDir?: string;
  log?: (message: string) => void;
}

export type Operation =
  'unchanged' | 'written' | 'pushed' | 'pull-request-created' | 'pull-request-updated' | 'dry-run';

export interface FileChange {
  /** Relative to the docs root. */
  path: string;
  status: 'created' | 'updated' | 'unchanged';
}

export interface ExportResult {
  /** `full_3.1.18_amd64`, `nightly_ad8a5c77_arm64`, or `resources`. */
  key: string;
  operation: Operation;
  changed: boolean;
  commitSha: string;
  pullRequest: { number: number; url: string } | null;
  /** Set when this run finished what an earlier one left half done (a branch pushed without its pull request). */
  completed?: string;
  branch: string;
  rows: number;
  duplicates: Duplicate[];
  duplicateCount: number;
  /** Rows dropped (invalid-rows: drop). */
  dropped: RowProblem[];
  files: FileChange[];
  /** Index rows of the same key that the new row replaced. */
  replacedRows: string[];
  buildDate: string | null;
  previous: { label: string; path: string } | null;
  added: string[];
  removed: string[];
  /** The unified diff of a dry run. */
  diff: string;
  pushAttempts: number;
}

/** The source, read and checked: everything the docs get is computed from it. */
export interface CheckedSource {
  /** `full_3.1.18_amd64`, `nightly_ad8a5c77_arm64`, or `resources`. */
  key: string;
  /** Tools lists only. */
  target: ToolsTarget | null;
  /** Resources list only: where it goes, relative to the docs root. */
  resourcesPath: string | null;
  checked: CheckedList;
  /** The list file's new text. */
  content: string;
  buildDate: string | null;
  commitMessage: string;
}

/** One docs file: its text now (null: it does not exist) and after publishing. */
export interface PlannedFile {
  /** Relative to the docs root. */
  path: string;
  before: string | null;
  after: string;
}

/** What the docs get, computed from the files as they are. */
export interface Plan {
  files: PlannedFile[];
  changed: boolean;
  replacedRows: string[];
  previous: { label: string; path: string; names: string[] } | null;
}

/** What the result says about a plan: the files' statuses and the comparison with the previous list. */
export type PlanSummary = Pick<ExportResult, 'changed' | 'files' | 'replacedRows' | 'previous' | 'added' | 'removed'>;

/** Reads a docs file (relative to the docs root); null when there is none. */
export type Read = (rel: string) => string | null;

/** What publishing did, and the plan it published (computed again on the tip it published to). */
export interface Published {
  plan: Plan;
  operation: Operation;
  commitSha: string;
  pullRequest?: { number: number; url: string };
  completed?: string;
  pushAttempts?: number;
}
