// Job summaries and check reports shared by the actions, so every action's summary reads alike.
import * as core from '@actions/core';
import type { SourceLocation } from './errors.ts';
import { error, mdCell, mdCode, mdText, warning } from './log.ts';
import { annotationPath } from './run.ts';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  location?: SourceLocation;
}

const ICON: Record<CheckStatus, string> = { pass: '✅ pass', fail: '❌ fail', warn: '⚠️ warn', skip: '⏭️ skip' };

/** One annotation per failed or warned check, at its file and line when it has one. */
export function annotateChecks(checks: readonly Check[], title: string): void {
  for (const c of checks) {
    if (c.status !== 'fail' && c.status !== 'warn') continue;
    const props = {
      title: `${title}: ${c.title}`,
      file: c.location ? annotationPath(c.location.file) : undefined,
      startLine: c.location?.line,
      startColumn: c.location?.column,
    };
    if (c.status === 'fail') error(c.detail, props);
    else warning(c.detail, props);
  }
}

export function checksTable(checks: readonly Check[]): string {
  const rows = checks.map((c) => {
    const where = c.location
      ? mdCode(`${annotationPath(c.location.file)}${c.location.line ? `:${c.location.line}` : ''}`)
      : '';
    return `| ${mdCell(mdText(c.title))} | ${ICON[c.status]} | ${mdCell(mdText(c.detail))} | ${mdCell(where)} |`;
  });
  return ['| Check | Result | Detail | Where |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Two columns: a label (plain text) and a value (shown as code, whatever it holds). */
export function keyValueTable(rows: Record<string, string | number | boolean | undefined>): string {
  const lines = Object.entries(rows)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `| ${mdCell(mdText(k))} | ${mdCell(mdCode(String(v)))} |`);
  return ['| | |', '| --- | --- |', ...lines].join('\n');
}

/** Appends Markdown to the job summary; a no-op outside a runner (no GITHUB_STEP_SUMMARY). */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

export function setOutputs(outputs: Record<string, string | number | boolean>): void {
  for (const [k, v] of Object.entries(outputs)) core.setOutput(k, String(v));
}
