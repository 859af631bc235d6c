// Renders docs/fault-report.md from the rows test/faults.test.ts records:
//
//   EXEGOL_FAULT_REPORT=/tmp/faults.json pnpm test -- test/faults.test.ts
//   node_modules/.bin/tsx scripts/fault-report.ts /tmp/faults.json docs/fault-report.md
//
// The test itself compares the committed doc with what its run renders, so the doc cannot drift
// from the tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAULTS = [
  'GitHub 5xx',
  'GitHub 429 + retry-after',
  'GitHub secondary rate limit',
  'GitHub 422 (another run first)',
  'GitHub 404 (vanished)',
  'GitHub 403 (permission)',
  'git push rejected (remote moved)',
  'registry 5xx on push',
  'GitHub API stall',
  'git remote stall',
  'registry stall',
] as const;

export const ACTIONS = [
  'create-release',
  'bump-next-beta',
  'sync-submodules',
  'export-tool-list',
  'verify-version',
  'multi-arch-image-build',
] as const;

export type Outcome = 'recovered' | 'stopped cleanly';

/** A fault run by test/faults.test.ts: the faulted run, then a re-run with the same inputs. */
export interface FaultRow {
  action: string;
  fault: (typeof FAULTS)[number];
  injected: string;
  outcome: Outcome;
  /** The one error, on one line (empty when recovered). */
  error: string;
  /** `operation status` of each request of the faulted run, in order. */
  firstRequests: string[];
  /** The re-run's operation output (`passed` for a gate). */
  rerun: string;
  rerunRequests: string[];
}

/** A fault an action's own test proves; the report names the test. */
export interface ReusedRow {
  action: string;
  fault: (typeof FAULTS)[number];
  outcome: Outcome;
  test: string;
  name: string;
}

export interface FaultReport {
  rows: FaultRow[];
  reused: ReusedRow[];
  /** `action × fault` → why it does not apply. */
  notApplicable: Record<string, string>;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const order = <T extends { action: string; fault: string }>(rows: T[]) =>
  [...rows].sort(
    (a, b) =>
      FAULTS.indexOf(a.fault as never) - FAULTS.indexOf(b.fault as never) ||
      ACTIONS.indexOf(a.action as never) - ACTIONS.indexOf(b.action as never),
  );

function requests(list: string[]): string {
  return list.length ? `${list.length}: ${list.map((r) => `\`${r}\``).join(' → ')}` : '0';
}

export function renderFaultReport(report: FaultReport): string {
  const mark = { recovered: '✅ recovered', 'stopped cleanly': '⛔ stopped cleanly' } as const;
  const grid = FAULTS.map((fault) => {
    const cells = ACTIONS.map((action) => {
      const here = report.rows.filter((r) => r.action === action && r.fault === fault).map((r) => mark[r.outcome]);
      const elsewhere = report.reused
        .filter((r) => r.action === action && r.fault === fault)
        .map((r) => `${mark[r.outcome]}¹`);
      const outcomes = [...new Set([...here, ...elsewhere])];
      if (outcomes.length) return outcomes.join(', ');
      return report.notApplicable[`${action} × ${fault}`] ? 'n/a²' : '—';
    });
    return `| ${fault} | ${cells.join(' | ')} |`;
  });

  const runs = order(report.rows).map(
    (r) =>
      `| ${r.action} | ${r.fault} | ${cell(r.injected)} | ${mark[r.outcome]} | ${r.error ? cell(r.error) : '—'} | ${requests(r.firstRequests)} | ${cell(r.rerun)} | ${requests(r.rerunRequests)} |`,
  );
  const reused = order(report.reused).map(
    (r) => `| ${r.action} | ${r.fault} | ${mark[r.outcome]} | \`${r.test}\` › ${cell(r.name)} |`,
  );
  const na = Object.entries(report.notApplicable).map(([key, why]) => `- ${key}: ${why}.`);

  return [
    '# Fault report',
    '',
    '<!-- Generated: EXEGOL_FAULT_REPORT=/tmp/faults.json pnpm test -- test/faults.test.ts, then',
    '     node_modules/.bin/tsx scripts/fault-report.ts /tmp/faults.json docs/fault-report.md.',
    '     test/faults.test.ts fails when this file differs from what its run renders. -->',
    '',
    'How each action meets the failures of the services it writes to: GitHub (through the API',
    'double, which answers as GitHub does), git (a push refused because the remote moved) and the',
    'image registry (through a proxy that answers 503).',
    '',
    'The stalls are real servers on 127.0.0.1 that take the request and then send nothing (or their',
    'headers and then nothing), met with `network-timeout: 2` (seconds): a stalled GET or an idempotent',
    'registry write is tried again; a stalled POST or push is not sent twice, and the step stops naming',
    'the host, the limit and the input. A pull request branch pushed before the stop is completed by',
    'the re-run, whose summary says so ("Completed an earlier run").',
    '',
    '- **recovered**: the run succeeded despite the fault; the re-run with the same inputs found the',
    '  work done (`unchanged`) and nothing was made twice.',
    '- **stopped cleanly**: exit code 1 and exactly one `::error` saying what failed and what to do;',
    '  the repository, the releases, the pull requests and the registry tags as they were (a pull',
    '  request branch pushed before the API call failed may stay: the re-run takes it as it is).',
    '  Then the re-run, without the fault, completed the work: one release or one pull request, no',
    '  second commit on the pull request branch, no second tag.',
    '',
    '## Outcomes',
    '',
    `| Fault | ${ACTIONS.join(' | ')} |`,
    `| --- | ${ACTIONS.map(() => '---').join(' | ')} |`,
    ...grid,
    '',
    "¹ proved by the action's own test (below), not run twice. ² does not apply (below). — the action does not talk to that service.",
    '',
    '## Run by `test/faults.test.ts`',
    '',
    'Requests are those the GitHub API double (or, for the registry, the proxy: manifest writes only) received, in order.',
    '',
    '| Action | Fault | Injected | Outcome | The one error | Requests (faulted run) | Re-run | Requests (re-run) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs,
    '',
    "## Proved by the actions' own tests",
    '',
    '| Action | Fault | Outcome | Test |',
    '| --- | --- | --- | --- |',
    ...reused,
    '',
    '## Not applicable',
    '',
    ...na,
    '',
    "A 403 names the permission the token lacks (from GitHub's `x-accepted-github-permissions` header,",
    'raised to what the whole step needs) and the `permissions:` line to add to the job.',
    'Every log, summary and output of `test/faults.test.ts` is searched for each token the file uses;',
    'none appears.',
    '',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input) {
    console.error('usage: tsx scripts/fault-report.ts <report.json> [out.md]');
    process.exit(2);
  }
  const text = renderFaultReport(JSON.parse(fs.readFileSync(input, 'utf8')) as FaultReport);
  if (output) fs.writeFileSync(output, text);
  else process.stdout.write(text);
}
