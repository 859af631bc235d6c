// What a run says: each submodule's verdict, the commit message, the pull request body, the job
// summary's table and the JSON output.
import { mdCell, mdCode, type Check } from '../action/index.ts';
import type { WorkTreeChange } from '../git/index.ts';
import type { SubmoduleReport } from './types.ts';
import { short } from './util.ts';

/** One verdict per submodule; `moved` when the run moves the behind ones (update, pull-request). */
export function submoduleCheck(r: SubmoduleReport, onBehind: 'fail' | 'warn' | 'moved'): Check {
  const id = r.path;
  const title = `Submodule ${r.path}`;
  const moved = r.from !== r.to ? `${short(r.from)}..${short(r.to)}` : short(r.from);
  if (r.parent) {
    // A nested submodule is its parent repository's to move: never a reason to fail this one.
    if (r.behindAfter === 0)
      return { id, title, status: 'pass', detail: `at the tip of ${r.branch} (${moved}${r.tag ? `, ${r.tag}` : ''})` };
    return {
      id,
      title,
      status: 'warn',
      detail: `${r.behindAfter} commit(s) behind ${r.branch} at ${short(r.to)} (tip ${short(r.tip)}): it is recorded in ${r.parent}, whose repository moves it`,
      location: r.location,
    };
  }
  if (r.behind === 0) {
    const extra = r.ahead > 0 ? `, and ${r.ahead} commit(s) ahead of it` : '';
    return {
      id,
      title,
      status: 'pass',
      detail: `at the tip of ${r.branch} (${moved}${r.tag ? `, ${r.tag}` : ''})${extra}`,
    };
  }
  if (onBehind === 'moved') {
    return {
      id,
      title,
      status: 'pass',
      detail: `${moved}: ${r.behind} commit(s) of ${r.branch}${r.tag ? `, now ${r.tag}` : ''}`,
    };
  }
  return {
    id,
    title,
    status: onBehind === 'fail' ? 'fail' : 'warn',
    detail: `${r.behind} commit(s) behind ${r.branch} (${short(r.from)}, tip ${short(r.tip)}${r.ahead ? `; ${r.ahead} recorded commit(s) not on the branch` : ''})`,
    location: r.location,
  };
}

/**
 * The commit message: the given first line, then each move as `path: old..new (branch, n commits,
 * tag)`, then how many other paths the work tree changed.
 */
export function commitMessage(subject: string, moves: SubmoduleReport[], workTree: WorkTreeChange[] = []): string {
  const lines = moves.map(
    (m) =>
      `- ${m.path}: ${short(m.from)}..${short(m.to)} (${m.branch}, ${m.behind} commit${m.behind === 1 ? '' : 's'}${m.tag ? `, ${m.tag}` : ''})`,
  );
  if (workTree.length) lines.push(`- ${workTreeCounts(workTree)}`);
  return `${subject}\n\n${lines.join('\n')}\n`;
}

/** `39 other paths: 2 added, 36 changed, 1 deleted`. */
export function workTreeCounts(workTree: WorkTreeChange[]): string {
  const count = (c: WorkTreeChange['change']) => workTree.filter((w) => w.change === c).length;
  const parts = [`${count('added')} added`, `${count('modified')} changed`, `${count('deleted')} deleted`];
  return `${workTree.length} other path${workTree.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** Paths listed in a pull request body; the rest are counted (GitHub's body limit is 65536). */
const LISTED_PATHS = 200;

export function pullRequestBody(moves: SubmoduleReport[], workTree: WorkTreeChange[] = []): string {
  const files = workTree.slice(0, LISTED_PATHS).map((w) => `- ${w.change}: ${mdCode(w.path)}`);
  if (workTree.length > LISTED_PATHS) files.push(`- … and ${workTree.length - LISTED_PATHS} more`);
  return [
    ...(moves.length
      ? ['Submodules moved to the tip of the branch they follow:', '', submodulesTable(moves), '']
      : ['No submodule moved.', '']),
    ...(workTree.length ? [`Other changes in the work tree (${workTreeCounts(workTree)}):`, '', ...files, ''] : []),
    '<sub>Opened by exegol/actions sync-submodules. A later run on the same day updates this pull request.</sub>',
    '',
  ].join('\n');
}

/** The job summary's table: one row per submodule. */
export function submodulesTable(reports: SubmoduleReport[]): string {
  const rows = reports.map((r) => {
    const behind = r.behind === 0 ? '0' : String(r.behind);
    const code = (t: string) => mdCell(mdCode(t));
    return `| ${code(r.path)} | ${code(r.branch)} | ${code(short(r.from))} | ${code(short(r.to))} | ${behind} | ${r.tag ? code(r.tag) : ''} |`;
  });
  return ['| Submodule | Branch | From | To | Behind | Tag |', '| --- | --- | --- | --- | ---: | --- |', ...rows].join(
    '\n',
  );
}

/** The output list: what a workflow reads back. */
export function submodulesJson(reports: SubmoduleReport[]): string {
  return JSON.stringify(
    reports.map((r) => ({
      path: r.path,
      from: r.from,
      to: r.to,
      branch: r.branch,
      behind: r.behind,
      ahead: r.ahead,
      tip: r.tip,
      tag: r.tag,
      parent: r.parent,
    })),
  );
}
