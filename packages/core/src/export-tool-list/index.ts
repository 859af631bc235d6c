// export-tool-list: validates a tools list (or the resources list) and publishes it to a checkout
// of the docs: the list file, and for tools one row in the index, newest first. Then commits and
// pushes to a branch, or opens one pull request per key, or leaves the files in the checkout.
//
// Order matters for "nothing half-written": the source is read and checked, the target files
// are computed and checked (index header included), and only then is anything written.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActionError, InputError, oneLine, resolveInside, workspace, type SourceLocation } from '../action/index.ts';
import { reasonLine } from '../exec/index.ts';
import {
  ACTIONS_IDENTITY,
  authConfig,
  Git,
  unauthorizedPushFix,
  writeSshKeyFile,
  type Identity,
} from '../git/index.ts';
import {
  checkList,
  compareNames,
  decodeUtf8,
  IndexFileError,
  ListFileError,
  namesInList,
  renderList,
  updateIndex,
  type Duplicate,
  type ParsedIndex,
  type RowProblem,
} from '../lists/index.ts';
import { compareVersions, tryParseVersion } from '../version/index.ts';
import { readSource, type Source } from './source.ts';
import {
  indexEntry,
  insideDocs,
  normalizeBuildDate,
  resolveToolsTarget,
  type ToolsTarget,
  type ToolsTargetInput,
} from './target.ts';

export * from './source.ts';
export * from './target.ts';

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

/** Invalid rows with invalid-rows: fail. Carries every problem so each gets its annotation. */
export class InvalidRowsError extends ActionError {
  constructor(
    readonly listInput: string,
    readonly problems: RowProblem[],
    readonly file: string | undefined,
    readonly describe: string,
  ) {
    super(
      `Input "${listInput}": ${describe} has ${problems.length} invalid row${problems.length === 1 ? '' : 's'}. Fix them, or set invalid-rows: drop to publish without them.`,
      { input: listInput },
    );
    this.name = 'InvalidRowsError';
  }

  /** One message per row, naming the input and the line. */
  messageFor(p: RowProblem): string {
    return `Input "${this.listInput}": line ${p.line} ${p.problem}. Fix the row, or set invalid-rows: drop to publish without it.`;
  }
}

interface PlannedFile {
  path: string;
  before: string | null;
  after: string;
}

interface Plan {
  files: PlannedFile[];
  changed: boolean;
  replacedRows: string[];
  previous: { label: string; path: string; names: string[] } | null;
}

type Read = (rel: string) => string | null;

export async function exportList(opts: ExportOptions): Promise<ExportResult> {
  const log = opts.log ?? (() => {});
  const tempDir = opts.tempDir ?? os.tmpdir();
  const sourceInput = opts.source.kind === 'file' ? opts.source.input : 'image';

  const target = opts.list === 'tools' ? resolveToolsTarget(opts.tools!) : null;
  const resourcesPath = opts.list === 'resources' ? insideDocs('resources-file', opts.resourcesFile!) : null;
  if (!fs.existsSync(opts.docs) || !fs.statSync(opts.docs).isDirectory()) {
    throw new InputError(
      'docs-path',
      `${opts.docs} is not a folder`,
      'Check out the docs repository first (actions/checkout with path:) and give that path.',
    );
  }

  // 1. The source, checked.
  const source = await readSource(opts.source, tempDir);
  const shownSource =
    opts.source.kind === 'file' && !path.relative(workspace(), source.describe).startsWith('..')
      ? path.relative(workspace(), source.describe)
      : source.describe;
  log(`Read ${source.bytes.length} bytes from ${oneLine(shownSource)}`);
  const location = (line?: number): SourceLocation | undefined =>
    opts.source.kind === 'file' ? { file: opts.source.file, line } : undefined;
  const where = opts.source.kind === 'image' ? `${source.describe}: ` : '';
  let buildDate: string | null = null;
  if (target) {
    const given = opts.tools!.buildDate.trim();
    const label = source.labels['org.exegol.build_date'] ?? '';
    const raw = given || label;
    if (!raw)
      throw new InputError(
        'build-date',
        'is required',
        'Give the image build date in ISO-8601 UTC, e.g. 2026-06-24T20:45:25Z (images built with the org.exegol.build_date label supply it).',
      );
    buildDate = normalizeBuildDate(raw);
    if (!buildDate) {
      throw new InputError(
        given ? 'build-date' : 'image',
        `${JSON.stringify(raw)}${given ? '' : ' (label org.exegol.build_date)'} is not an ISO-8601 date-time with a time zone`,
        'Give it like 2026-06-24T20:45:25Z.',
      );
    }
  }
  let checked;
  try {
    checked = await checkList(decodeUtf8(source.bytes), opts.header, { allowEmptyLink: opts.allowEmptyLinks });
  } catch (error) {
    if (error instanceof ListFileError) {
      throw new InputError(
        sourceInput,
        `${where}${error.message}`,
        opts.source.kind === 'image' ? 'Fix the list the image build writes.' : 'Fix the file.',
        location(error.line),
      );
    }
    throw error;
  }
  if (checked.invalid.length && opts.invalidRows === 'fail')
    throw new InvalidRowsError(
      sourceInput,
      checked.invalid,
      opts.source.kind === 'file' ? opts.source.file : undefined,
      source.describe,
    );
  if (checked.names.length === 0) {
    throw new InputError(
      sourceInput,
      `${where}has no valid rows (${checked.invalid.length} invalid)`,
      'Publishing an empty list would hide every tool: fix the list.',
      location(1),
    );
  }
  const content = renderList(checked);
  log(`${checked.names.length} rows, ${checked.duplicateCount} duplicate(s), ${checked.invalid.length} invalid`);

  // 2. What the docs get, computed from a reader of the docs files (the work tree).
  const commitMessage = target ? `PIPELINE: tools list for ${target.key}` : 'PIPELINE: resources list';
  const plan = async (read: Read): Promise<Plan> => {
    if (!target) {
      const before = read(resourcesPath!);
      return {
        files: [{ path: resourcesPath!, before, after: content }],
        changed: before !== content,
        replacedRows: [],
        previous:
          before === null
            ? null
            : { label: 'the published resources list', path: resourcesPath!, names: await namesInList(before) },
      };
    }
    const indexBefore = read(target.indexPath);
    let update;
    try {
      update = await updateIndex(target.channel, indexBefore, indexEntry(target, buildDate!));
    } catch (error) {
      if (error instanceof IndexFileError) {
        throw new ActionError(
          `The index ${target.indexPath} in docs-path ${error.message}. Fix the index in the docs repository, or set index-file.`,
          {
            location: { file: path.join(opts.docs, target.indexPath), line: error.line },
          },
        );
      }
      throw error;
    }
    const listBefore = read(target.listPath);
    const previous = await previousList(target, update.before, listBefore, read);
    return {
      files: [
        { path: target.listPath, before: listBefore, after: content },
        { path: target.indexPath, before: indexBefore, after: update.text },
      ],
      changed: listBefore !== content || update.changed,
      replacedRows: update.replaced,
      previous,
    };
  };

  const result: ExportResult = {
    key: target?.key ?? 'resources',
    operation: 'unchanged',
    changed: false,
    commitSha: '',
    pullRequest: null,
    branch: opts.publish === 'none' ? '' : opts.branch,
    rows: checked.names.length,
    duplicates: checked.duplicates,
    duplicateCount: checked.duplicateCount,
    dropped: checked.invalid,
    files: [],
    replacedRows: [],
    buildDate,
    previous: null,
    added: [],
    removed: [],
    diff: '',
    pushAttempts: 0,
  };
  const record = (p: Plan) => {
    result.changed = p.changed;
    result.files = p.files.map((f) => ({
      path: f.path,
      status: f.before === null ? 'created' : f.before === f.after ? 'unchanged' : 'updated',
    }));
    result.replacedRows = p.replacedRows;
    result.previous = p.previous && { label: p.previous.label, path: p.previous.path };
    const { added, removed } = p.previous
      ? compareNames(p.previous.names, checked.names, checked.keys)
      : { added: [], removed: [] };
    result.added = added;
    result.removed = removed;
  };
  // The docs checkout is someone else's tree: a tracked symbolic link there must not lead a read
  // or a write out of the workspace.
  const docsFile = (rel: string) =>
    resolveInside('docs-path', rel, { base: opts.docs, label: `${JSON.stringify(rel)} in docs-path` });
  const readWorkTree: Read = (rel) => {
    const file = docsFile(rel);
    if (!fs.existsSync(file)) return null;
    try {
      return decodeUtf8(fs.readFileSync(file));
    } catch (error) {
      if (error instanceof ListFileError)
        throw new ActionError(`${rel} in docs-path ${error.message}.`, { location: { file, line: error.line } });
      throw error;
    }
  };
  const write = (p: Plan) => {
    for (const f of p.files) {
      if (f.before === f.after) continue;
      const file = docsFile(f.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, f.after);
    }
  };

  let current = await plan(readWorkTree);
  record(current);

  if (opts.dryRun) {
    result.operation = 'dry-run';
    result.diff = await diffOf(current, tempDir);
    return result;
  }
  if (opts.publish === 'none') {
    write(current);
    result.operation = current.changed ? 'written' : 'unchanged';
    return result;
  }

  // 3. Publish through git. Credentials live in this process's configuration only.
  const sshKey = opts.auth?.sshKey ? writeSshKeyFile(opts.auth.sshKey, tempDir) : undefined;
  const sshKeyFile = sshKey?.file;
  try {
    const git = await openDocs(opts.docs, { token: opts.auth?.token, serverUrl: opts.auth?.serverUrl, sshKeyFile });
    const toRepo = (rel: string) => path.relative(git.dir, path.join(opts.docs, rel)).split(path.sep).join('/');
    const paths = () => current.files.map((f) => toRepo(f.path));
    const identity = opts.identity ?? ACTIONS_IDENTITY;
    const pullRequestTarget = opts.publish === 'pull-request' ? await pullRequestTargetOf(git, opts, target) : null;
    if (!(await git.isClean())) {
      throw new InputError(
        'docs-path',
        `${opts.docs} has uncommitted changes to tracked files`,
        'Give a fresh checkout of the docs repository: the action commits there and may move it to the branch it publishes to.',
      );
    }
    const shallow = await git.isShallow();
    const tip = await git.fetchBranch(opts.branch, { depth: shallow ? 1 : undefined }).catch((error: unknown) => {
      throw new ActionError(
        `Could not fetch ${opts.branch} from the docs repository: ${lastLine(error instanceof Error ? error.message : String(error))}. Check that the token (or ssh-key, or the credentials the checkout kept) can read and push the docs repository.`,
        { cause: error },
      );
    });
    if (!tip)
      throw new InputError(
        'branch',
        `the docs repository has no branch ${JSON.stringify(opts.branch)}`,
        'Create it, or publish to an existing branch.',
      );

    if (opts.publish === 'push') {
      // Start from the branch as it is now, whatever was checked out.
      if ((await git.head()) !== tip) {
        log(`Moving the docs checkout to ${opts.branch} (${tip.slice(0, 8)})`);
        await git.checkout(tip, { branch: opts.branch });
        current = await plan(readWorkTree);
        record(current);
      }
      if (!current.changed) {
        result.commitSha = tip;
        return result;
      }
      write(current);
      await git.commit(commitMessage, identity, paths());
      const outcome = await git.pushReplaying(
        opts.branch,
        async () => {
          log(`${opts.branch} moved: applying the change again on its new tip`);
          current = await plan(readWorkTree);
          record(current);
          if (!current.changed) return null;
          write(current);
          return git.commit(commitMessage, identity, paths());
        },
        { attempts: opts.attempts ?? 3 },
      );
      result.pushAttempts = outcome.attempts;
      if (outcome.pushed) {
        result.operation = 'pushed';
        result.commitSha = outcome.sha;
        return result;
      }
      if (outcome.reason === 'superseded') {
        result.commitSha = await git.head();
        return result;
      }
      if (outcome.reason === 'unauthorized') {
        throw new ActionError(
          `Pushing to ${opts.branch} of the docs repository was refused: ${reasonLine(outcome.message)}. ${unauthorizedPushFix('token')} (or give ssh-key)`,
          { input: 'token' },
        );
      }
      if (outcome.reason === 'protected') {
        throw new ActionError(
          `${opts.branch} of the docs repository refuses direct pushes (branch protection): ${lastLine(outcome.message)}. Set publish: pull-request, or allow the token or deploy key to push.`,
          { input: 'publish' },
        );
      }
      throw new ActionError(
        `Pushing to ${opts.branch} failed after ${outcome.attempts} attempt(s): ${lastLine(outcome.message)}. Re-run the job; if ${opts.branch} keeps moving, raise push-attempts.`,
      );
    }

    // Pull request: a head branch per key, rebuilt from the base's tip at every run.
    const { head, repository } = pullRequestTarget!;
    await git.checkout(tip, { branch: head });
    current = await plan(readWorkTree);
    record(current);
    if (!current.changed) {
      result.commitSha = tip;
      return result;
    }
    write(current);
    const sha = (await git.commit(commitMessage, identity, paths()))!;
    // The head branch is this action's own: replaced when its content differs, left alone (no
    // new commit, no notification) when a re-run would give the same files.
    const remoteHead = await git.fetchBranch(head, { depth: shallow ? 1 : undefined });
    let pushed = false;
    if (!remoteHead || (await git.treeOf(remoteHead)) !== (await git.treeOf(sha))) {
      const outcome = await git.pushBranch('HEAD', head, { lease: remoteHead });
      if (!outcome.pushed)
        throw new ActionError(
          `Pushing the pull request branch ${head} failed: ${lastLine(outcome.message)}. Re-run the job; if it keeps failing, check that the token or deploy key may push branches.`,
        );
      pushed = true;
    }
    result.commitSha = pushed ? sha : remoteHead!;
    const github = await import('../github/index.ts');
    const opened = await github.completingPullRequest(head, async () => {
      try {
        const client = await github.getGitHubClient({
          token: opts.pullRequest!.token,
          baseUrl: opts.pullRequest!.apiUrl,
        });
        return await github.openOrUpdatePullRequest(client, {
          repository,
          head,
          base: opts.branch,
          title: commitMessage,
          body: pullRequestBody(result, commitMessage),
          labels: opts.pullRequest!.labels,
        });
      } catch (error) {
        throw new ActionError(
          `${github.describeGitHubError(error, { operation: `open or update the pull request from ${head} into ${opts.branch} of ${repository}`, needs: { pull_requests: 'write' } })}`,
          { cause: error },
        );
      }
    });
    result.pullRequest = { number: opened.number, url: opened.url };
    if (!pushed && opened.operation === 'created') result.completed = github.completedNote(head, opened.number);
    result.operation =
      opened.operation === 'created'
        ? 'pull-request-created'
        : pushed || opened.operation === 'updated'
          ? 'pull-request-updated'
          : 'unchanged';
    result.changed = result.operation !== 'unchanged';
    return result;
  } finally {
    sshKey?.remove();
  }
}

/** The pull request's repository (input, else the checkout's origin on the server) and head branch. */
async function pullRequestTargetOf(
  git: Git,
  opts: ExportOptions,
  target: ToolsTarget | null,
): Promise<{ repository: string; head: string }> {
  const pr = opts.pullRequest;
  if (!pr?.token)
    throw new InputError(
      'token',
      'is empty, and pull-request mode opens the pull request through the API',
      'Pass a token with contents: write and pull-requests: write on the docs repository.',
    );
  let repository = pr.repository.trim();
  if (!repository) {
    const origin = (await git.remoteUrl('origin')) ?? '';
    const host = new URL(opts.auth?.serverUrl ?? 'https://github.com').host;
    const m = new RegExp(
      `^(?:https?://(?:[^@/]+@)?${host.replace(/\./g, '\\.')}/|git@${host.replace(/\./g, '\\.')}:|ssh://git@${host.replace(/\./g, '\\.')}/)([^/]+/[^/]+?)(?:\\.git)?/?$`,
    ).exec(origin);
    if (!m)
      throw new InputError(
        'docs-repository',
        `is empty and the checkout's origin (${origin.replace(/\/\/[^@/]+@/, '//') || 'none'}) is not a repository on ${host}`,
        'Give the docs repository as owner/name, e.g. ThePorgs/Exegol-docs.',
      );
    repository = m[1]!;
  }
  const { parseRepository } = await import('../github/index.ts');
  try {
    parseRepository(repository);
  } catch (error) {
    throw new InputError('docs-repository', (error as Error).message.replace(/\.$/, ''), 'Give it as owner/name.');
  }
  const prefix = pr.branchPrefix;
  const key = target
    ? `tools-list/${target.channel === 'nightly' ? `nightly_${target.arch}` : target.key}`
    : 'resources-list';
  const head = `${prefix}${key}`;
  const valid = await git.raw(['check-ref-format', `refs/heads/${head}`], { allowFailure: true });
  if (valid.code !== 0)
    throw new InputError(
      'pull-request-branch-prefix',
      `gives the branch name ${JSON.stringify(head)}, which git refuses`,
      'Use letters, digits, dashes, dots and slashes, like pipeline/.',
    );
  return { repository, head };
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).slice(-2).join(' ');
}

async function openDocs(dir: string, auth: { token?: string; serverUrl?: string; sshKeyFile?: string }): Promise<Git> {
  let git: Git;
  try {
    git = await Git.open(dir);
  } catch {
    throw new InputError(
      'docs-path',
      `${dir} is not a git checkout`,
      'Check out the docs repository there (actions/checkout with repository: and path:), or set publish: none.',
    );
  }
  // actions/checkout leaves its credentials for the server it fetched from (persist-credentials:
  // in .git/config up to v5, in a file included from it since v6); the docs checkout's are the
  // docs token, which the token input (github.token by default) may not be. Use them when they
  // apply to origin's URL; asked of git for that URL, so a header for another server, or none,
  // leaves the token input in charge.
  const origin = await git.remoteUrl('origin');
  const persisted = origin
    ? await git.raw(['config', '--get-urlmatch', 'http.extraheader', origin], { allowFailure: true })
    : null;
  const useToken = auth.token && !auth.sshKeyFile && !persisted?.stdout.trim();
  return Git.at(
    git.dir,
    authConfig({ token: useToken ? auth.token : undefined, serverUrl: auth.serverUrl, sshKeyFile: auth.sshKeyFile }),
  );
}

/**
 * The list this one is compared with: for a release, the published list of the highest lower
 * version of the same profile and arch; for nightly, the list being replaced.
 */
async function previousList(
  target: ToolsTarget,
  index: ParsedIndex | null,
  listBefore: string | null,
  read: Read,
): Promise<Plan['previous']> {
  if (target.channel === 'nightly') {
    return listBefore === null
      ? null
      : { label: `the previous nightly list`, path: target.listPath, names: await namesInList(listBefore) };
  }
  const current = tryParseVersion(target.version);
  if (!index || !current) return null;
  let best: { version: string; parsed: NonNullable<ReturnType<typeof tryParseVersion>> } | null = null;
  for (const row of index.rows) {
    if (row.key?.[0] !== target.profile) continue;
    const v = tryParseVersion(row.key[1] ?? '');
    if (!v || compareVersions(v, current) >= 0) continue;
    if (!best || compareVersions(v, best.parsed) > 0) best = { version: row.key[1]!, parsed: v };
  }
  if (!best) return null;
  const file = target.listPathFor(best.version);
  const text = read(file);
  return text === null
    ? null
    : { label: `${target.profile} ${best.version}`, path: file, names: await namesInList(text) };
}

async function diffOf(plan: Plan, tempDir: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(tempDir, 'export-tool-list-diff-'));
  try {
    for (const f of plan.files) {
      if (f.before !== null) {
        fs.mkdirSync(path.dirname(path.join(dir, 'a', f.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, 'a', f.path), f.before);
      }
      fs.mkdirSync(path.dirname(path.join(dir, 'b', f.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'b', f.path), f.after);
    }
    fs.mkdirSync(path.join(dir, 'a'), { recursive: true });
    return await Git.at(dir).diffNoIndex('a', 'b');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function pullRequestBody(result: ExportResult, title: string): string {
  const lines = [
    `${title}.`,
    '',
    `- rows: ${result.rows}`,
    `- duplicate names: ${result.duplicateCount}${result.duplicates.length ? ` (${result.duplicates.map((d) => d.name).join(', ')})` : ''}`,
    `- invalid rows dropped: ${result.dropped.length}`,
  ];
  if (result.buildDate) lines.push(`- build date: ${result.buildDate}`);
  if (result.previous) {
    lines.push(
      `- compared with ${result.previous.label}: ${result.added.length} added, ${result.removed.length} removed`,
    );
    if (result.added.length) lines.push(`  - added: ${result.added.join(', ')}`);
    if (result.removed.length) lines.push(`  - removed: ${result.removed.join(', ')}`);
  }
  lines.push('', 'Opened by exegol/actions export-tool-list; a re-run for the same key updates this pull request.');
  return lines.join('\n');
}
