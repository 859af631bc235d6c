// sync-submodules: read and check the inputs, run the job, set outputs, write the job summary.
import * as log from '@exegol-actions/core/action';
import {
  annotateChecks,
  checkCheckout,
  branchName,
  InputError,
  isBranchName,
  keyValueTable,
  mdBlock,
  preflight,
  readContext,
  runAction,
  setOutputs,
  writeSummary,
  type RunContext,
} from '@exegol-actions/core/action';
import type { GitOptions } from '@exegol-actions/core/git';
import type { BranchOverrides, ForkResult, SyncResult } from '@exegol-actions/core/sync-submodules';
import type * as SyncJob from '@exegol-actions/core/sync-submodules';
import { inputs } from './inputs.generated.ts';

const MODES = ['update', 'pull-request', 'check', 'fork'] as const;

export async function run(): Promise<void> {
  await runAction('sync-submodules', async () => {
    const ctx = readContext();
    const mode = inputs.choice('mode', MODES);
    const root = inputs.path('working-directory', { mustExist: true, kind: 'dir' });
    const dryRun = inputs.booleanOr('dry-run', ctx.act && mode !== 'check');
    const authorText = inputs.text('author');
    const pushAttempts = inputs.integer('push-attempts', { min: 1, max: 10 });
    const branch = inputs.branch('branch') || null;
    const fetchToken = inputs.text('fetch-token');
    const sshKey = inputs.text('fetch-ssh-key');
    log.maskSecret(fetchToken);
    // Masked from the start: a run may stop (a stalled push) before the API client would mask it.
    log.maskSecret(inputs.text('github-token'));
    log.maskSecret(sshKey);
    if (sshKey && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(sshKey)) {
      throw new InputError(
        'fetch-ssh-key',
        'is not a private key (no "-----BEGIN … PRIVATE KEY-----" line)',
        'Give the whole private key, e.g. from a secret.',
      );
    }

    const fork = mode === 'fork' ? forkInputs(ctx) : null;
    const update = mode !== 'fork' ? updateInputs(mode) : null;
    const includeWorkTree = inputs.boolean('include-work-tree');
    if (includeWorkTree && mode !== 'update' && mode !== 'pull-request') {
      throw new InputError(
        'include-work-tree',
        `applies to the update and pull-request modes, not ${mode} (it commits what the work tree changed)`,
        'Remove it, or use mode: pull-request.',
      );
    }
    const pr = mode === 'pull-request' ? pullRequestInputs(ctx) : null;

    // The git layer and the job load only once the inputs are known to be usable.
    checkCheckout(root);
    const { authConfig, parseIdentity, writeSshKeyFile } = await import('@exegol-actions/core/git');
    const identity = parseIdentity(authorText);
    if (!identity)
      throw new InputError(
        'author',
        `"${authorText}" is not "Name <email>"`,
        'Write it like Github Actions <actions@github.com>.',
      );
    const job = await import('@exegol-actions/core/sync-submodules');
    if (pr) {
      for (const [name, value] of [
        ['pull-request-branch', pr.branch],
        ['pull-request-title', pr.title],
      ] as const) {
        const unknown = job.unknownPlaceholders(value);
        if (unknown.length)
          throw new InputError(
            name,
            `unknown placeholder {${unknown[0]}}`,
            'Use {date}, {YYYY}, {YY}, {MM}, {Mon}, {DD} or {epoch}.',
          );
      }
    }
    preflight({
      writes: [
        {
          input: 'working-directory',
          dir: root,
          what: mode === 'check' ? 'fetched submodule commits' : 'submodule commits and a commit',
        },
      ],
    });
    const key = sshKey ? writeSshKeyFile(sshKey) : null;
    try {
      const fetchAuth: Pick<GitOptions, 'config' | 'secrets'> = authConfig({
        token: fetchToken || undefined,
        serverUrl: ctx.serverUrl,
        sshKeyFile: key?.file,
      });
      // The push to the repository's own remote goes with github-token: the templates check out
      // with persist-credentials: false, which leaves no credentials behind.
      const pushAuth: Pick<GitOptions, 'config' | 'secrets'> = authConfig({
        token: inputs.text('github-token') || undefined,
        serverUrl: ctx.serverUrl,
      });
      const common = {
        root,
        identity,
        dryRun,
        pushAttempts,
        fetchAuth,
        pushAuth,
        log: (l: string) => log.info(l),
        warn: (l: string) => log.warning(l),
      };
      if (fork) {
        const api = {
          method: fork.method,
          token: inputs.text('github-token'),
          apiUrl: ctx.apiUrl,
          serverUrl: ctx.serverUrl,
          upstream: fork.raw,
        };
        const result = await log.group(
          `Bringing ${branch ?? 'the checked-out branch'} up to date with ${fork.upstreamLabel}`,
          () => job.syncFork({ ...common, branch, upstream: fork.upstream, api, strategy: fork.strategy }),
        );
        await reportFork(result, fork.upstreamLabel, dryRun);
        return;
      }
      const pullRequest = pr
        ? {
            branch: job.expandStamp(pr.branch, pr.now),
            title: job.expandStamp(pr.title, pr.now),
            open: job.pullRequestOpener({
              token: pr.token,
              repository: ctx.repository,
              labels: pr.labels,
              apiUrl: ctx.apiUrl,
            }),
          }
        : undefined;
      const result = await log.group(`Submodules (${mode}${dryRun ? ', dry run' : ''})`, () =>
        job.syncSubmodules({
          ...common,
          ...update!,
          mode: mode as 'update' | 'pull-request' | 'check',
          branch,
          pullRequest,
          includeWorkTree,
        }),
      );
      await reportUpdate(result, job, dryRun);
    } finally {
      key?.remove();
    }
  });
}

function updateInputs(mode: string): {
  paths: string[];
  branches: BranchOverrides;
  recursive: boolean;
  commitMessage: string;
  onBehind: 'fail' | 'warn';
} {
  const commitMessage = inputs.text('commit-message');
  if (commitMessage.includes('\n'))
    throw new InputError(
      'commit-message',
      'spans several lines',
      'Give the first line only: the list of moved submodules follows it.',
    );
  return {
    paths: inputs.list('paths'),
    branches: parseBranchOverrides(inputs.list('submodule-branch')),
    recursive: inputs.boolean('recursive'),
    commitMessage,
    onBehind: mode === 'check' ? inputs.choice('on-behind', ['fail', 'warn']) : 'fail',
  };
}

/** `main` for every submodule, or `path=branch` entries. */
function parseBranchOverrides(entries: string[]): BranchOverrides {
  const out: BranchOverrides = { byPath: {}, input: 'submodule-branch' };
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq < 0) {
      if (out.all || entries.length > 1) {
        throw new InputError(
          'submodule-branch',
          `"${entry}" mixes a branch for all with other entries`,
          'Give one branch name for every submodule, or only path=branch lines.',
        );
      }
      out.all = entry;
      continue;
    }
    const p = entry
      .slice(0, eq)
      .trim()
      .replace(/^\.\/+/, '')
      .replace(/\/+$/, '');
    const b = entry.slice(eq + 1).trim();
    if (!p || !b)
      throw new InputError(
        'submodule-branch',
        `${JSON.stringify(entry)} is not path=branch`,
        'Write each entry as <submodule path>=<branch>.',
      );
    out.byPath[p] = branchName('submodule-branch', b);
  }
  if (out.all !== undefined) out.all = branchName('submodule-branch', out.all);
  return out;
}

function pullRequestInputs(ctx: RunContext): {
  branch: string;
  title: string;
  labels: string[];
  token: string;
  now: Date;
} {
  const branch = inputs.text('pull-request-branch');
  const title = inputs.text('pull-request-title');
  if (!isBranchName(branch.replace(/\{\w+\}/g, 'x'))) {
    throw new InputError(
      'pull-request-branch',
      `${JSON.stringify(branch)} is not a valid branch name`,
      'Write it like update/{date}: no spaces, "..", line breaks or ~^:?*[\\.',
    );
  }
  const token = inputs.text('github-token');
  if (!token)
    throw new InputError(
      'github-token',
      'is empty, and pull-request mode needs it to open the pull request',
      'Pass a token with contents: write and pull-requests: write (the default github.token has them when the job grants them).',
    );
  if (!ctx.repository)
    throw new InputError(
      'mode',
      'pull-request needs the repository (GITHUB_REPOSITORY), which is not set',
      'Run on GitHub Actions, or set GITHUB_REPOSITORY.',
    );
  // SOURCE_DATE_EPOCH pins the stamp, as it pins dates in reproducible builds.
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return { branch, title, labels: inputs.list('pull-request-labels'), token, now };
}

function forkInputs(ctx: RunContext): {
  upstream: { url: string; branch: string | null };
  upstreamLabel: string;
  raw: string;
  method: 'auto' | 'api' | 'git';
  strategy: 'merge' | 'ff-only';
} {
  const raw = inputs.text('upstream');
  if (!raw)
    throw new InputError(
      'upstream',
      'is required in fork mode',
      'Give the upstream repository as owner/name, e.g. ThePorgs/Exegol-images.',
    );
  let url: string;
  if (/^[\w.-]+\/[\w.-]+$/.test(raw)) url = `${ctx.serverUrl.replace(/\/+$/, '')}/${raw.replace(/\.git$/, '')}.git`;
  else if (/^(https?|ssh|git|file):\/\/\S+$/.test(raw) || /^[\w.-]+@[\w.-]+:\S+$/.test(raw)) url = raw;
  else
    throw new InputError(
      'upstream',
      `"${raw}" is neither owner/name nor a clone URL`,
      'Give it as owner/name, e.g. ThePorgs/Exegol-images.',
    );
  const method = inputs.choice('fork-method', ['auto', 'api', 'git']);
  const strategy = inputs.choice('fork-strategy', ['merge', 'ff-only']);
  return {
    upstream: { url, branch: inputs.branch('upstream-branch') || null },
    upstreamLabel: raw.includes('://') || raw.includes('@') ? 'upstream' : raw,
    raw,
    method,
    strategy,
  };
}

async function reportUpdate(result: SyncResult, job: typeof SyncJob, dryRun: boolean): Promise<void> {
  annotateChecks(result.checks, 'sync-submodules');
  const behind = result.submodules.filter((s) => !s.parent).reduce((n, s) => n + s.behind, 0);
  setOutputs({
    changed: result.changed,
    operation: result.operation,
    'commit-sha': result.commitSha ?? '',
    'pull-request-number': result.pullRequest?.number ?? '',
    'pull-request-url': result.pullRequest?.url ?? '',
    submodules: job.submodulesJson(result.submodules),
    behind,
    'work-tree-changes': result.workTree.length,
  });
  const icon = result.ok ? (result.changed ? '🔄' : '✅') : '❌';
  await writeSummary(
    [
      `### sync-submodules ${icon} ${result.mode}${dryRun ? ' (dry run)' : ''}`,
      '',
      job.submodulesTable(result.submodules),
      '',
      keyValueTable({
        operation: result.operation,
        'pushed to': result.pushedTo ?? undefined,
        commit: result.commitSha ?? undefined,
        'pull request': result.pullRequest
          ? `#${result.pullRequest.number} (${result.pullRequest.operation})`
          : undefined,
        completed: result.completed,
        'behind in all': behind,
        'other changes committed': result.workTree.length ? job.workTreeCounts(result.workTree) : undefined,
      }),
      '',
      ...(result.commitMessage
        ? [dryRun ? 'Would commit:' : 'Commit message:', '', mdBlock(result.commitMessage.trimEnd(), 'text'), '']
        : []),
    ].join('\n'),
  );
  if (!result.ok) {
    log.info('Some submodules are behind their branch; see the annotations above.');
    process.exitCode = 1;
  }
}

async function reportFork(result: ForkResult, upstreamLabel: string, dryRun: boolean): Promise<void> {
  setOutputs({
    changed: result.changed,
    operation: result.operation,
    'commit-sha': result.commitSha ?? '',
    'pull-request-number': '',
    'pull-request-url': '',
    submodules: '[]',
    behind: result.behind,
    method: result.method,
    'work-tree-changes': 0,
  });
  await writeSummary(
    [
      `### sync-submodules ${result.changed ? '🔄' : '✅'} fork${dryRun ? ' (dry run)' : ''}`,
      '',
      keyValueTable({
        branch: result.branch,
        upstream: `${upstreamLabel} ${result.upstreamBranch}`,
        method: result.method,
        operation: result.operation,
        'commits taken from upstream': result.behind,
        'commits only on the fork': result.ahead,
        from: result.from,
        to: result.to,
      }),
      '',
    ].join('\n'),
  );
}
