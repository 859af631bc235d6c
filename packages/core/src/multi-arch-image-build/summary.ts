// The job summary of each step: what was built, tested, pushed or written, one table row per
// architecture, and the output of every failed command folded away under its name.
import { keyValueTable } from '../action/index.ts';
import { formatBytes, formatReference, platformString } from '../docker/reference.ts';
import type { BuildStepResult, MergeStepResult, PromoteStepResult, StepResult } from './types.ts';

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A digest (`sha256:` and twelve hex digits) for a table cell. */
function shortDigest(digest: string | undefined): string {
  return digest ? `\`${digest.slice(0, 19)}…\`` : '—';
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`;
}

const ICON: Record<string, string> = {
  pushed: '✅ pushed',
  unchanged: '✅ unchanged',
  built: '✅ built, not pushed',
  'tests-failed': '❌ tests failed, nothing pushed',
  planned: '📝 dry run',
  skipped: '⏭ already built, skipped',
  created: '✅ created',
  updated: '✅ updated',
};

function buildSummary(r: BuildStepResult): string {
  const t = r.tests;
  const lines = [
    `### multi-arch-image-build · build \`${platformString(r.platform)}\` · ${r.alreadyBuilt ? ICON.skipped : ICON[r.operation]}`,
    '',
    '| Platform | Image | Size | Digest | Tests passed | Failed | Timed out | Build | From cache | Duration |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${platformString(r.platform)} | \`${cell(r.ref)}\` | ${r.build ? formatBytes(r.build.size) : '—'} | ${shortDigest(r.digest)} | ${t ? (t.skipped ? 'skipped' : t.passed) : '—'} | ${t?.failed ?? '—'} | ${t?.timedOut ?? '—'} | ${seconds(r.build?.durationMs)} | ${r.build ? `${r.build.cachedSteps}/${r.build.steps} steps` : '—'} | ${seconds(r.durationMs)} |`,
    '',
  ];
  if (r.failure) lines.push(`> **${html(r.failure)}**`, '');
  for (const n of r.notes) lines.push(`> ${html(n)}`, '');
  if (r.plan.length) lines.push('**Plan (dry run)**', '', ...r.plan.map((p) => `- \`${cell(p)}\``), '');
  const bad = (t?.results ?? []).filter((c) => c.status !== 'passed');
  for (const c of bad) {
    const head =
      c.status === 'failed'
        ? `❌ failed (exit ${c.exitCode}, ${seconds(c.durationMs)})`
        : `⏱ timed out after ${seconds(c.durationMs)}`;
    lines.push(
      `<details><summary>${head}: <code>${html(c.command)}</code></summary>`,
      '',
      `<pre>${html(c.output.trim() || '(no output)')}</pre>`,
      '</details>',
      '',
    );
  }
  if (t?.gui) {
    lines.push(
      `<details><summary>🖥 ${t.gui.commands.length} GUI command(s), not run</summary>`,
      '',
      `<pre>${html(t.gui.commands.join('\n'))}</pre>`,
      '</details>',
      '',
    );
  }
  const disk = r.disk;
  lines.push(
    keyValueTable({
      engine: `${r.engine.serverVersion} on ${r.engine.architecture}`,
      client: `${r.engine.client} ${r.engine.clientVersion}`,
      builder: r.engine.builder + (r.engine.buildxVersion ? ` (buildx ${r.engine.buildxVersion})` : ''),
      emulation: r.emulation,
      'test file': t
        ? `${t.file} under ${t.shell}${t.mode === 'file' ? ', each line sourced from a file' : ''}${t.prelude ? ` after ${t.prelude}` : ''}${t.skipped ? ` — ${t.skipped}` : ''}`
        : undefined,
      'GUI commands': t?.gui ? `${t.gui.commands.length} in ${t.gui.file}, ${t.gui.note}` : undefined,
      'test logs': t?.logs ? t.logs.failed.replace(/\/[^/]+$/, '') : undefined,
      'push attempts': r.push?.attempts,
      disk: disk
        ? `${disk.freeBefore !== undefined ? formatBytes(disk.freeBefore) : '?'} free, ${formatBytes(disk.required)} required: ${disk.note}`
        : undefined,
    }),
    '',
  );
  return lines.join('\n');
}

function listSummary(r: MergeStepResult | PromoteStepResult): string {
  const title = r.step === 'merge' ? 'merge' : 'promote';
  const lines = [
    `### multi-arch-image-build · ${title} · ${ICON[r.operation]}`,
    '',
    `List \`${r.list.digest}\` (${r.list.mediaType.replace(/^application\//, '')}), ${seconds(r.list.durationMs)}`,
    '',
    '| Platform | Digest | Image size | From |',
    '| --- | --- | --- | --- |',
    ...r.list.entries.map(
      (e) =>
        `| ${platformString(e.platform)} | ${shortDigest(e.digest)} | ${e.imageSize !== undefined ? formatBytes(e.imageSize) : '—'} | \`${cell(formatReference(e.source))}\` |`,
    ),
    '',
    '| Tag | Result | Before |',
    '| --- | --- | --- |',
    ...r.list.targets.map(
      (t) => `| \`${cell(formatReference(t.ref))}\` | ${ICON[t.operation]} | ${shortDigest(t.previous)} |`,
    ),
    '',
  ];
  if (r.list.deleted.length) {
    lines.push(
      '| Intermediate tag | Deleted | How |',
      '| --- | --- | --- |',
      ...r.list.deleted.map(
        (d) =>
          `| \`${cell(formatReference(d.ref))}\` | ${d.result} | ${d.via ?? '—'}${d.note ? `: ${cell(d.note)}` : ''} |`,
      ),
      '',
    );
  }
  lines.push(
    `Registry traffic: ${r.traffic.requests} requests, ${r.traffic.manifestGets} manifest reads, ${r.traffic.blobGets} blob reads (image configs, ${formatBytes(r.traffic.blobBytes)}), ${r.traffic.retries} retries; no layer pulled.`,
    '',
  );
  if (r.plan.length) lines.push('**Plan (dry run)**', '', ...r.plan.map((p) => `- \`${cell(p)}\``), '');
  return lines.join('\n');
}

export function summaryMarkdown(r: StepResult): string {
  return r.step === 'build' ? buildSummary(r) : listSummary(r);
}
