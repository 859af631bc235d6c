// The double's tests want "a GitHub repository with this history": a bare repository from the
// testkit's git sandbox, and commits made in a work tree and pushed to the branch named.
import { GitSandbox, type TestRepo } from '../git/index.ts';

export interface BareFixture {
  gitDir: string;
  /** Runs git in the bare repository and returns its trimmed output. */
  git(...args: string[]): Promise<string>;
  /**
   * Commits on `branch` of the bare repository and returns the sha. A new branch starts at
   * `from` (a branch or a sha). Author as `Name <email>`.
   */
  commit(
    branch: string,
    message: string,
    options?: { files?: Record<string, string>; from?: string; author?: string },
  ): Promise<string>;
  cleanup(): void;
}

export async function makeBareRepo(): Promise<BareFixture> {
  const sandbox = await GitSandbox.create('github-double-');
  const gitDir = await sandbox.bare('repo');
  const work: TestRepo = await sandbox.repo('work', gitDir);
  const bare = sandbox.git(gitDir);
  let counter = 0;

  return {
    gitDir,
    git: (...args) => bare.out(args),
    async commit(branch, message, { files, from, author } = {}) {
      // The bare repository is the truth (tests and the double move its refs): start from it.
      await work.git.raw(['fetch', '--quiet', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
      const start = (await bare.revParse(`refs/heads/${branch}`)) ?? (from ? await bare.revParse(from) : null);
      if (start) await work.git.raw(['checkout', '--quiet', '-B', branch, start]);
      const who = author ? /^(.*) <(.*)>$/.exec(author) : null;
      await work.commit(message, {
        files: files ?? { [`change-${++counter}.txt`]: `${message}\n` },
        author: who ? { name: who[1]!, email: who[2]! } : { name: 'Dev Eloper', email: 'dev@example.com' },
      });
      await work.git.raw(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
      return work.git.head();
    },
    cleanup: () => sandbox.cleanup(),
  };
}

/** GitHub's error body, the fields the tests read. */
export interface GitHubErrorBody {
  message?: string;
  documentation_url?: string;
  errors?: { resource?: string; code?: string; field?: string; message?: string }[];
  [field: string]: unknown;
}

/** How Octokit rejects a request GitHub answered with an error. */
export interface RequestFailure {
  status: number;
  message: string;
  headers: Record<string, string | undefined>;
  data: GitHubErrorBody;
}

function isRequestError(
  e: unknown,
): e is Error & { status: number; response?: { headers: Record<string, string | undefined>; data: unknown } } {
  return e instanceof Error && 'status' in e && typeof e.status === 'number';
}

/**
 * The error answer a request got, or null when it succeeded. Anything else it threw (not an
 * answer from the double) is thrown again.
 */
export async function requestFailure(promise: Promise<unknown>): Promise<RequestFailure | null> {
  try {
    await promise;
    return null;
  } catch (e) {
    if (!isRequestError(e)) throw e;
    const data = e.response?.data;
    return {
      status: e.status,
      message: e.message,
      headers: e.response?.headers ?? {},
      data: typeof data === 'object' && data !== null ? (data as GitHubErrorBody) : {},
    };
  }
}

/** The error answer a request got; throws when it succeeded. */
export async function expectFailure(promise: Promise<unknown>): Promise<RequestFailure> {
  const failure = await requestFailure(promise);
  if (!failure) throw new Error('the request succeeded');
  return failure;
}
