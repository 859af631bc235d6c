// The shapes git's helpers take and give: here, apart from the Git class, so that signing.ts and
// the class can both use them without importing each other.

/** One path of `git status`: a file or a submodule whose recorded commit would change. */
export interface WorkTreeChange {
  path: string;
  change: 'added' | 'modified' | 'deleted';
}

export interface GitOptions {
  /**
   * Extra configuration for this process only (`git -c` is avoided: it shows in `ps`). A list
   * gives a multi-valued key its values in order.
   */
  config?: Record<string, string | readonly string[]>;
  env?: Record<string, string | undefined>;
  secrets?: string[];
}

export type HistorySource = 'complete' | 'unshallowed' | 'fetched-tags';

export interface Identity {
  name: string;
  email: string;
}

export type PushOutcome =
  | { pushed: true; sha: string; attempts: number }
  | { pushed: false; reason: 'rejected' | 'protected' | 'unauthorized'; message: string; attempts: number };

/** `pushReplaying`'s outcomes: a push, a refusal, or nothing left to push once replayed. */
export type ReplayOutcome = PushOutcome | { pushed: false; reason: 'superseded'; message: string; attempts: number };

/** A submodule as `.gitmodules` declares it, with the commit the tree records at its path. */
export interface SubmoduleEntry {
  /** The `submodule.<name>` key; in older trees it differs from the path, so match by path. */
  name: string;
  path: string;
  /** As written in .gitmodules: possibly relative to the superproject's remote (`../x.git`). */
  url: string;
  /** The `branch =` setting, null when there is none. */
  branch: string | null;
  /** The commit recorded at `path` (its gitlink) in the given revision, null when there is none. */
  gitlink: string | null;
}

export type MergeOutcome =
  { status: 'up-to-date' | 'fast-forward' | 'merged'; sha: string } | { status: 'conflict'; files: string[] };

/** Why a push was refused, read from git's and the server's messages. */
export type PushRefusal = 'protected' | 'moved' | 'exists' | 'unauthorized' | 'other';

/** What a tag is, as this repository sees it. */
export interface TagInfo {
  name: string;
  /** The object the ref points at: the tag object for an annotated tag, the commit otherwise. */
  object: string;
  commit: string;
  annotated: boolean;
  /** The tag message, without its signature. */
  message: string;
  signature: 'ssh' | 'gpg' | null;
}

export interface TagVerification {
  signature: 'ssh' | 'gpg' | null;
  /** A signature checked good against the given trust material. */
  verified: boolean;
  detail: string;
}

/** What a signature is checked against: an SSH allowed-signers file's text, or GPG public keys. */
export interface SignatureTrust {
  allowedSigners?: string;
  gpgPublicKeys?: string;
}
