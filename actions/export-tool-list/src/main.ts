// export-tool-list: read and check inputs, run the export, write outputs and the job summary.
import * as log from '@exegol-actions/core/action';
import {
  annotationPath,
  InputError,
  keyValueTable,
  mdBlock,
  mdCell,
  mdCode,
  mdText,
  oneLine,
  preflight,
  readContext,
  runAction,
  setOutputs,
  writeSummary,
} from '@exegol-actions/core/action';
import { parseReference } from '@exegol-actions/core/docker/reference';
import { RESOURCES_HEADER, TOOLS_HEADER } from '@exegol-actions/core/lists';
import type { ExportOptions, ExportResult, InvalidRowsError } from '@exegol-actions/core/export-tool-list';
import { inputs } from './inputs.generated.ts';

/** GitHub shows at most this many annotations of a kind per step; the summary has the rest. */
const MAX_ANNOTATIONS = 50;

export async function run(): Promise<void> {
  await runAction('export-tool-list', async () => {
    const ctx = readContext();
    const given = {
      'tools-csv': inputs.text('tools-csv'),
      image: inputs.text('image'),
      'resources-csv': inputs.text('resources-csv'),
    };
    const sources = (Object.keys(given) as (keyof typeof given)[]).filter((name) => given[name]);
    if (sources.length === 0) {
      throw new InputError(
        'tools-csv',
        'is empty, and so are image and resources-csv',
        'Give the list to publish: tools-csv (a file), image (copied out of it) or resources-csv.',
      );
    }
    if (sources.length > 1)
      throw new InputError(sources[1]!, `is set together with "${sources[0]}"`, 'Give one source per step.');
    const list = sources[0] === 'resources-csv' ? 'resources' : 'tools';

    const publish = inputs.choice('publish', ['push', 'pull-request', 'none']);
    const invalidRows = inputs.choice('invalid-rows', ['fail', 'drop']);
    const docs = inputs.path('docs-path', { mustExist: true, kind: 'dir' });
    const dryRun = inputs.booleanOr('dry-run', ctx.act && publish !== 'none');
    const attempts = inputs.integer('push-attempts', { min: 1, max: 10 });
    const token = inputs.text('token');
    const sshKey = inputs.text('ssh-key');
    log.maskSecret(token);
    log.maskSecret(sshKey);

    let tools: ExportOptions['tools'];
    let source: ExportOptions['source'];
    let channel = '';
    if (list === 'tools') {
      channel = inputs.choice('channel', ['nightly', 'release']);
      tools = {
        channel: channel as 'nightly' | 'release',
        profile: inputs.text('profile'),
        version: inputs.required(
          'version',
          channel === 'nightly'
            ? 'Give the commit the image was built from (e.g. ${{ github.sha }}).'
            : 'Give the release version, e.g. 3.1.18.',
        ),
        arch: inputs.required('arch', 'Give the image architecture: amd64 or arm64.'),
        buildDate: inputs.text('build-date'),
        toolsDir: inputs.text('tools-dir'),
        listFile: inputs.text('list-file'),
        indexFile: inputs.text('index-file'),
        linkPrefix: inputs.text('link-prefix'),
      };
      // Checked as a reference here: docker would only say "invalid reference format".
      if (sources[0] === 'image') parseReference(given.image, 'image');
      source =
        sources[0] === 'image'
          ? { kind: 'image', image: given.image, path: inputs.text('image-path') }
          : {
              kind: 'file',
              file: inputs.path('tools-csv', { mustExist: true, kind: 'file', allowRunnerTemp: true }),
              input: 'tools-csv',
            };
    } else {
      const toolsOnly = {
        channel: inputs.text('channel'),
        profile: inputs.text('profile'),
        version: inputs.text('version'),
        arch: inputs.text('arch'),
        'build-date': inputs.text('build-date'),
        image: given.image,
      };
      for (const [name, value] of Object.entries(toolsOnly)) {
        if (value)
          throw new InputError(
            name,
            'applies to tools lists only, and resources-csv is set',
            `Remove ${name}, or publish the tools list in a step of its own.`,
          );
      }
      source = {
        kind: 'file',
        file: inputs.path('resources-csv', { mustExist: true, kind: 'file', allowRunnerTemp: true }),
        input: 'resources-csv',
      };
    }
    const branch = inputs.branchOr('branch', channel === 'release' ? 'dev' : 'main');
    const header = inputs.text('header');
    if (/[\r\n]/.test(header))
      throw new InputError(
        'header',
        'holds a line break',
        `Give the one header line, e.g. ${list === 'tools' ? TOOLS_HEADER : RESOURCES_HEADER}.`,
      );

    // The export (git, CSV parsing, the version model) loads only once the inputs are usable.
    const { exportList, InvalidRowsError: InvalidRows } = await import('@exegol-actions/core/export-tool-list');
    const options: ExportOptions = {
      list,
      source,
      header: header || (list === 'tools' ? TOOLS_HEADER : RESOURCES_HEADER),
      invalidRows,
      allowEmptyLinks: inputs.booleanOr('allow-empty-links', list === 'resources'),
      docs,
      tools,
      resourcesFile: inputs.text('resources-file'),
      publish,
      dryRun,
      branch,
      identity: {
        name: inputs.text('commit-name'),
        email: inputs.text('commit-email'),
      },
      auth: { token, sshKey, serverUrl: ctx.serverUrl },
      pullRequest: {
        token,
        repository: inputs.text('docs-repository'),
        apiUrl: ctx.apiUrl,
        labels: inputs.list('pull-request-labels'),
        branchPrefix: inputs.textAsGiven('pull-request-branch-prefix'),
      },
      attempts,
      tempDir: process.env.RUNNER_TEMP || undefined,
      log: (m) => log.info(m),
    };

    preflight({ writes: dryRun ? [] : [{ input: 'docs-path', dir: docs, what: 'the list, the index and a commit' }] });
    let result: ExportResult;
    try {
      result = await log.group(
        `Exporting the ${list === 'tools' ? 'tools' : 'resources'} list${dryRun ? ' (dry run)' : ''}`,
        () => exportList(options),
      );
    } catch (error) {
      if (!(error instanceof InvalidRows)) throw error;
      reportInvalidRows(error);
      setOutputs({ changed: false, operation: 'unchanged', 'invalid-rows': error.problems.length });
      await writeSummary(
        [
          `### export-tool-list ❌ ${mdText(error.describe)}`,
          '',
          mdText(error.message),
          '',
          problemsTable(error.problems),
        ].join('\n'),
      );
      process.exitCode = 1;
      return;
    }

    if (result.dropped.length) {
      const file = source.kind === 'file' ? source.file : undefined;
      for (const p of result.dropped.slice(0, MAX_ANNOTATIONS)) {
        log.warning(`Input "${sources[0]}": line ${p.line} ${oneLine(p.problem)}; dropped (invalid-rows: drop).`, {
          title: 'export-tool-list',
          file: file && annotationPath(file),
          startLine: p.line,
        });
      }
    }
    if (result.diff) {
      const diff = result.diff;
      await log.group('The diff that would be committed', () => Promise.resolve(log.info(diff)));
    }

    const [listFile, indexFile] = result.files.map((f) => f.path);
    setOutputs({
      changed: result.changed,
      operation: result.operation,
      'commit-sha': result.commitSha,
      'pull-request-number': result.pullRequest?.number ?? '',
      'pull-request-url': result.pullRequest?.url ?? '',
      rows: result.rows,
      duplicates: result.duplicateCount,
      'invalid-rows': result.dropped.length,
      added: result.added.length,
      removed: result.removed.length,
      'list-file': listFile ?? '',
      'index-file': list === 'tools' ? (indexFile ?? '') : '',
    });
    log.info(
      `${oneLine(result.key)}: ${result.operation}${result.commitSha ? ` (${result.commitSha.slice(0, 8)})` : ''}`,
    );
    await writeSummary(summary(result, dryRun));
  });
}

function reportInvalidRows(error: InvalidRowsError): void {
  const file = error.file ? annotationPath(error.file) : undefined;
  for (const p of error.problems.slice(0, MAX_ANNOTATIONS))
    log.error(error.messageFor(p), { title: 'export-tool-list', file, startLine: file ? p.line : undefined });
  if (error.problems.length > MAX_ANNOTATIONS)
    log.info(`${error.problems.length - MAX_ANNOTATIONS} more invalid row(s): see the job summary.`);
}

function problemsTable(problems: readonly { line: number; problem: string }[]): string {
  const rows = problems.slice(0, 500).map((p) => `| ${p.line} | ${mdCell(mdText(p.problem))} |`);
  const more = problems.length > 500 ? [`\n…and ${problems.length - 500} more.`] : [];
  return ['| Line | Problem |', '| --- | --- |', ...rows, ...more].join('\n');
}

function names(list: readonly string[], max = 100): string {
  const shown = list
    .slice(0, max)
    .map((n) => mdCode(n))
    .join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

const VERB: Record<ExportResult['operation'], string> = {
  pushed: 'pushed',
  'pull-request-created': 'pull request opened',
  'pull-request-updated': 'pull request updated',
  written: 'written to the checkout',
  unchanged: 'already published, nothing changed',
  'dry-run': 'dry run, nothing changed',
};

function summary(r: ExportResult, dryRun: boolean): string {
  const out = [`### export-tool-list ✅ ${mdCode(r.key)}: ${VERB[r.operation]}`, ''];
  out.push(
    keyValueTable({
      rows: r.rows,
      'duplicate names': r.duplicateCount,
      'invalid rows dropped': r.dropped.length,
      'build date': r.buildDate ?? undefined,
      branch: r.branch || undefined,
      commit: r.commitSha || undefined,
      'pull request': r.pullRequest ? `#${r.pullRequest.number}` : undefined,
      'push attempts': r.pushAttempts > 1 ? r.pushAttempts : undefined,
      ...Object.fromEntries(r.files.map((f) => [f.path, f.status])),
      'index rows replaced': r.replacedRows.length ? r.replacedRows.length : undefined,
    }),
    '',
  );
  if (r.completed) out.push(`> ${r.completed}`, '');
  if (r.duplicates.length)
    out.push(
      `**Duplicate names** (allowed): ${r.duplicates.map((d) => `${mdCode(d.name)} (lines ${d.lines.join(', ')})`).join(', ')}`,
      '',
    );
  if (r.previous) {
    out.push(
      `**Compared with ${mdText(r.previous.label)}** (${mdCode(r.previous.path)}): ${r.added.length} added, ${r.removed.length} removed.`,
      '',
    );
    if (r.added.length) out.push(`Added: ${names(r.added)}`, '');
    if (r.removed.length) out.push(`Removed: ${names(r.removed)}`, '');
  } else {
    out.push('No previous list of the same profile and arch to compare with.', '');
  }
  if (r.dropped.length) out.push('**Dropped rows**', '', problemsTable(r.dropped), '');
  if (dryRun) {
    const lines = r.diff.split('\n');
    const shown = lines.slice(0, 300).join('\n');
    out.push(
      r.diff
        ? `<details><summary>The diff that would be committed</summary>\n\n${mdBlock(shown, 'diff')}\n${lines.length > 300 ? `\n…${lines.length - 300} more lines in the log.\n` : ''}</details>`
        : 'Nothing would change.',
      '',
    );
  }
  return out.join('\n');
}
