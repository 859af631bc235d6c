// export-tool-list: validates a tools list (or the resources list) and publishes it to a checkout
// of the docs: the list file, and for tools one row in the index, newest first. Then commits and
// pushes to a branch, or opens one pull request per key, or leaves the files in the checkout.
//
// Order matters for "nothing half-written": the plan step reads and checks the source and
// computes the target files (index header included) without writing anything; only then does
// the publish step write, commit and push.
import * as os from 'node:os';
import { docsReader, writePlan } from './docs-tree.ts';
import { diffOf, planFiles, readCheckedSource, summarize } from './plan.ts';
import { publish } from './publish.ts';
import type { CheckedSource, ExportOptions, ExportResult, Operation, Plan, Published } from './types.ts';

export * from './source.ts';
export * from './target.ts';
export { InvalidRowsError } from './plan.ts';
export type {
  ExportOptions,
  ExportResult,
  FileChange,
  ListKind,
  Operation,
  PublishMode,
  PullRequestSettings,
} from './types.ts';

export async function exportList(opts: ExportOptions): Promise<ExportResult> {
  const log = opts.log ?? (() => {});
  const tempDir = opts.tempDir ?? os.tmpdir();
  const src = await readCheckedSource(opts, tempDir, log);
  // Computed from the checkout as given, before anything is fetched: a docs tree the plan
  // cannot read fails here, whatever the publish mode.
  const plan = await planFiles(src, docsReader(opts.docs), opts.docs);
  if (opts.dryRun)
    return resultOf(opts, src, { plan, operation: 'dry-run', commitSha: '' }, await diffOf(plan, tempDir));
  if (opts.publish === 'none') {
    writePlan(opts.docs, plan);
    return resultOf(opts, src, { plan, operation: plan.changed ? 'written' : 'unchanged', commitSha: '' });
  }
  return resultOf(opts, src, await publish(opts, src, tempDir, log));
}

function resultOf(opts: ExportOptions, src: CheckedSource, done: Published, diff = ''): ExportResult {
  return {
    key: src.key,
    ...summarize(src, done.plan),
    // A dry run reports whether the plan changes anything; otherwise "changed" is whether the
    // run changed anything (a pull request already up to date did not).
    changed: changedBy(done.operation, done.plan),
    operation: done.operation,
    commitSha: done.commitSha,
    pullRequest: done.pullRequest ?? null,
    ...(done.completed ? { completed: done.completed } : {}),
    branch: opts.publish === 'none' ? '' : opts.branch,
    rows: src.checked.names.length,
    duplicates: src.checked.duplicates,
    duplicateCount: src.checked.duplicateCount,
    dropped: src.checked.invalid,
    buildDate: src.buildDate,
    diff,
    pushAttempts: done.pushAttempts ?? 0,
  };
}

function changedBy(operation: Operation, plan: Plan): boolean {
  return operation === 'dry-run' ? plan.changed : operation !== 'unchanged';
}
