// The plan step: the source read and checked, then what the docs would get, computed from a
// reader of the docs files. Nothing in the docs is written here; a dry run is this step alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActionError, InputError, oneLine, workspace, type SourceLocation } from '../action/index.ts';
import { Git } from '../git/index.ts';
import {
  checkList,
  compareNames,
  decodeUtf8,
  IndexFileError,
  ListFileError,
  namesInList,
  renderList,
  updateIndex,
  type CheckedList,
  type ParsedIndex,
  type RowProblem,
} from '../lists/index.ts';
import { highestVersionTag, tryParseVersion } from '../version/index.ts';
import { readSource, type SourceContent } from './source.ts';
import {
  indexEntry,
  insideDocs,
  normalizeBuildDate,
  resolveToolsTarget,
  type ToolsTarget,
  type ToolsTargetInput,
} from './target.ts';
import type { CheckedSource, ExportOptions, Plan, PlanSummary, Read } from './types.ts';

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

/** The inputs checked, the source read and checked, the list file's text rendered. */
export async function readCheckedSource(
  opts: ExportOptions,
  tempDir: string,
  log: (message: string) => void,
): Promise<CheckedSource> {
  const target = opts.list === 'tools' ? resolveToolsTarget(opts.tools!) : null;
  const resourcesPath = opts.list === 'resources' ? insideDocs('resources-file', opts.resourcesFile!) : null;
  if (!fs.existsSync(opts.docs) || !fs.statSync(opts.docs).isDirectory()) {
    throw new InputError(
      'docs-path',
      `${opts.docs} is not a folder`,
      'Check out the docs repository first (actions/checkout with path:) and give that path.',
    );
  }
  const source = await readSource(opts.source, tempDir);
  const shownSource =
    opts.source.kind === 'file' && !path.relative(workspace(), source.describe).startsWith('..')
      ? path.relative(workspace(), source.describe)
      : source.describe;
  log(`Read ${source.bytes.length} bytes from ${oneLine(shownSource)}`);
  const buildDate = target ? buildDateOf(opts.tools!, source.labels) : null;
  const checked = await checkSource(opts, source);
  log(`${checked.names.length} rows, ${checked.duplicateCount} duplicate(s), ${checked.invalid.length} invalid`);
  return {
    key: target?.key ?? 'resources',
    target,
    resourcesPath,
    checked,
    content: renderList(checked),
    buildDate,
    commitMessage: target ? `PIPELINE: tools list for ${target.key}` : 'PIPELINE: resources list',
  };
}

/** The build-date input, else the image's label, as ISO-8601 UTC. */
function buildDateOf(tools: ToolsTargetInput, labels: Record<string, string>): string {
  const given = tools.buildDate.trim();
  const raw = given || (labels['org.exegol.build_date'] ?? '');
  if (!raw)
    throw new InputError(
      'build-date',
      'is required',
      'Give the image build date in ISO-8601 UTC, e.g. 2026-06-24T20:45:25Z (images built with the org.exegol.build_date label supply it).',
    );
  const buildDate = normalizeBuildDate(raw);
  if (!buildDate) {
    throw new InputError(
      given ? 'build-date' : 'image',
      `${JSON.stringify(raw)}${given ? '' : ' (label org.exegol.build_date)'} is not an ISO-8601 date-time with a time zone`,
      'Give it like 2026-06-24T20:45:25Z.',
    );
  }
  return buildDate;
}

/** The list checked against the header; invalid rows fail (or are dropped), and an empty list fails. */
async function checkSource(opts: ExportOptions, source: SourceContent): Promise<CheckedList> {
  const input = opts.source.kind === 'file' ? opts.source.input : 'image';
  const file = opts.source.kind === 'file' ? opts.source.file : undefined;
  const location = (line?: number): SourceLocation | undefined => (file === undefined ? undefined : { file, line });
  const where = opts.source.kind === 'image' ? `${source.describe}: ` : '';
  let checked: CheckedList;
  try {
    checked = await checkList(decodeUtf8(source.bytes), opts.header, { allowEmptyLink: opts.allowEmptyLinks });
  } catch (error) {
    if (error instanceof ListFileError) {
      throw new InputError(
        input,
        `${where}${error.message}`,
        opts.source.kind === 'image' ? 'Fix the list the image build writes.' : 'Fix the file.',
        location(error.line),
      );
    }
    throw error;
  }
  if (checked.invalid.length && opts.invalidRows === 'fail')
    throw new InvalidRowsError(input, checked.invalid, file, source.describe);
  if (checked.names.length === 0) {
    throw new InputError(
      input,
      `${where}has no valid rows (${checked.invalid.length} invalid)`,
      'Publishing an empty list would hide every tool: fix the list.',
      location(1),
    );
  }
  return checked;
}

/** What the docs get, computed from `read` (the work tree, as it is checked out now). */
export async function planFiles(src: CheckedSource, read: Read, docs: string): Promise<Plan> {
  const { target, content } = src;
  if (!target) {
    const resourcesPath = src.resourcesPath!;
    const before = read(resourcesPath);
    return {
      files: [{ path: resourcesPath, before, after: content }],
      changed: before !== content,
      replacedRows: [],
      previous:
        before === null
          ? null
          : { label: 'the published resources list', path: resourcesPath, names: await namesInList(before) },
    };
  }
  const indexBefore = read(target.indexPath);
  let update;
  try {
    update = await updateIndex(target.channel, indexBefore, indexEntry(target, src.buildDate!));
  } catch (error) {
    if (error instanceof IndexFileError) {
      throw new ActionError(
        `The index ${target.indexPath} in docs-path ${error.message}. Fix the index in the docs repository, or set index-file.`,
        { location: { file: path.join(docs, target.indexPath), line: error.line } },
      );
    }
    throw error;
  }
  const listBefore = read(target.listPath);
  return {
    files: [
      { path: target.listPath, before: listBefore, after: content },
      { path: target.indexPath, before: indexBefore, after: update.text },
    ],
    changed: listBefore !== content || update.changed,
    replacedRows: update.replaced,
    previous: await previousList(target, update.before, listBefore, read),
  };
}

/** What the result says about a plan: each file's status, and the names added and removed. */
export function summarize(src: CheckedSource, plan: Plan): PlanSummary {
  const { added, removed } = plan.previous
    ? compareNames(plan.previous.names, src.checked.names, src.checked.keys)
    : { added: [], removed: [] };
  return {
    changed: plan.changed,
    files: plan.files.map((f) => ({
      path: f.path,
      status: f.before === null ? 'created' : f.before === f.after ? 'unchanged' : 'updated',
    })),
    replacedRows: plan.replacedRows,
    previous: plan.previous && { label: plan.previous.label, path: plan.previous.path },
    added,
    removed,
  };
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
  const version = index && highestLowerVersion(index, target.profile, target.version);
  if (!version) return null;
  const file = target.listPathFor(version);
  const text = read(file);
  return text === null ? null : { label: `${target.profile} ${version}`, path: file, names: await namesInList(text) };
}

/**
 * The highest version of `profile` in the index below `version`, as the index writes it; null
 * when none. Every published version counts, wherever it was released from: the index is the
 * docs' record of releases, not a git history.
 */
function highestLowerVersion(index: ParsedIndex, profile: string, version: string): string | null {
  const current = tryParseVersion(version);
  if (!current) return null;
  const published = index.rows.filter((row) => row.key?.[0] === profile).map((row) => row.key?.[1] ?? '');
  return highestVersionTag({ anyTag: published }, { below: current })?.tag ?? null;
}

/** The plan as a unified diff, made by git from copies of the files before and after in a temporary folder. */
export async function diffOf(plan: Plan, tempDir: string): Promise<string> {
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
