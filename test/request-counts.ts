// Request counts per scenario, as the GitHub API double recorded them. Tests assert them exactly;
// with EXEGOL_REQUEST_COUNTS=<file> they are also written out as a Markdown table (the numbers
// quoted in notes and READMEs come from there).
import * as fs from 'node:fs';

const recorded = new Map<string, { scenario: string; requests: string[] }[]>();

export function recordRequests(action: string, scenario: string, requests: string[]): void {
  const list = recorded.get(action) ?? [];
  list.push({ scenario, requests });
  recorded.set(action, list);
}

/** Appends the action's table to $EXEGOL_REQUEST_COUNTS, if set. */
export function requestTable(action: string): void {
  const file = process.env.EXEGOL_REQUEST_COUNTS;
  const rows = recorded.get(action) ?? [];
  if (!file || rows.length === 0) return;
  const lines = [
    `### ${action}`,
    '',
    '| Scenario | Requests | Sequence |',
    '| --- | ---: | --- |',
    ...rows.map((r) => `| ${r.scenario} | ${r.requests.length} | ${r.requests.join(' → ')} |`),
    '',
  ];
  fs.appendFileSync(file, lines.join('\n') + '\n');
}
