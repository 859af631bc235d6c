// Real `PIPELINE: tools list for …` commits of ThePorgs/Exegol-docs re-made by export-tool-list
// (docs.bundle; commits named by their upstream ids). For each: the branch the list goes to (dev
// for a release, main for nightly) is put back at the real commit's parent, the docs are checked
// out with the real actions/checkout, and the list the real commit added (from its own tree) is
// exported with the build date its index row says, pushed for real. The pushed commit must have
// the real commit's tree, message, author and committer.
//
// The history holds 231 of them; a sample of ten runs by default, chosen for their variety:
// each profile, both arches, nightly and release, a first export and a re-run of the same key,
// the oldest (2025-07) and the newest (2026-06). EXEGOL_ACCEPTANCE_ALL=1 replays all 231 (twelve
// minutes on 2 CPUs). Of the 231, 230 are re-made exactly; the other (50ce0eb) published a row our
// check refuses (see the last test).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DOCS_TOOLS, exegolCommitMap, exegolRemote, type ExegolRemote } from '@exegol-actions/testkit/fixtures';
import { CHECKOUT_RELEASES, DEFAULT_CHECKOUT, GitSandbox, type CheckoutOptions } from '@exegol-actions/testkit/git';
import type { ActionRun } from '@exegol-actions/testkit/runner';
import { startJob, step } from './steps.ts';

const SAMPLE = [
  // The first of the VitePress era: the pipeline of the time passed the version as the profile
  // ("3.1.8_3.1.8_amd64"); the action, given the same profile, makes the same commit.
  '1005c3f',
  'df49afb', // nightly_336d1b39_amd64, 2025-07
  '0420e83', // light_3.1.10_amd64, 2025-10
  '7b9f5b0', // ad_3.1.13_amd64, 2026-01
  'ca9f5cb', // osint_3.1.16_arm64, 2026-05
  '3a83a19', // nightly_ad8a5c77_amd64: replaces the other amd64 nightly row
  'd5c90a2', // nightly_ad8a5c77_arm64 again: a re-run, the index row only
  'ff81668', // full_3.1.17_arm64, then re-run as
  '1cdf9b5', // full_3.1.17_arm64: the same key again, its row moved to the top
  'a1aebb0', // ad_3.1.17_amd64, the newest
];

interface RealExport {
  upstream: string;
  sha: string;
  parent: string;
  subject: string;
  channel: 'release' | 'nightly';
  profile: string;
  version: string;
  arch: string;
  listPath: string;
  indexPath: string;
}

let sandbox: GitSandbox;
let docs: ExegolRemote;
let byFixture: Map<string, string>;
beforeAll(async () => {
  sandbox = await GitSandbox.create('acceptance-docs-');
  docs = await exegolRemote(sandbox, 'docs', 'ThePorgs/Exegol-docs');
  byFixture = new Map([...exegolCommitMap('docs')].map(([upstream, fixture]) => [fixture, upstream]));
});
afterAll(() => sandbox.cleanup());

async function describeExport(sha: string): Promise<RealExport> {
  const git = sandbox.git(docs.remote);
  const [parents, subject] = (await git.out(['log', '-1', '--format=%P%x1f%s', sha])).split('\x1f') as [string, string];
  const key = subject.replace(/^PIPELINE: tools list for /, '');
  const parts = key.split('_');
  const arch = parts.pop()!;
  const version = parts.pop()!;
  const profile = parts.join('_');
  const channel = profile === 'nightly' ? 'nightly' : 'release';
  return {
    upstream: byFixture.get(sha)!,
    sha,
    parent: parents.split(' ')[0]!,
    subject,
    channel,
    profile,
    version,
    arch,
    listPath: `${DOCS_TOOLS}/lists/${channel === 'nightly' ? `latest_nightly_${arch}` : key}.csv`,
    indexPath: `${DOCS_TOOLS}/${channel === 'nightly' ? 'nightly.csv' : `releases_${arch}.csv`}`,
  };
}

/** The build date of the real row: the quoted date in the first index row of its key. */
async function buildDate(real: RealExport): Promise<string> {
  const prefix =
    real.channel === 'nightly' ? `nightly,${real.version},${real.arch},` : `${real.profile},${real.version},`;
  const row = (await docs.show(real.sha, real.indexPath)).split('\n').find((l) => l.startsWith(prefix));
  if (!row) throw new Error(`${real.upstream}: no row ${prefix}… in ${real.indexPath}`);
  return /^[^"]*"([^"]+)"/.exec(row)![1]!;
}

let seq = 0;
/** Puts the branch back at the real commit's parent, checks it out, exports the real list. */
async function reexport(
  real: RealExport,
  inputs: Record<string, string> = {},
  checkout: CheckoutOptions = {},
): Promise<{ run: ActionRun; branch: string }> {
  const branch = real.channel === 'nightly' ? 'main' : 'dev';
  await docs.setBranches({ [branch]: real.parent });
  const job = await startJob(sandbox, docs.remote, `refs/heads/${branch}`, { name: `docs-${++seq}`, ...checkout });
  const workspace = path.dirname(job.dir);
  const list = path.join(workspace, 'inputs', `${seq}-installed_tools.csv`);
  fs.mkdirSync(path.dirname(list), { recursive: true });
  fs.writeFileSync(list, await docs.show(real.sha, real.listPath));
  const run = await step(job, 'export-tool-list', {
    workspace,
    inputs: {
      'tools-csv': path.relative(workspace, list),
      'docs-path': path.basename(job.dir),
      channel: real.channel,
      ...(real.channel === 'release' ? { profile: real.profile } : {}),
      version: real.version,
      arch: real.arch,
      'build-date': await buildDate(real),
      ...inputs,
    },
  });
  return { run, branch };
}

const all = process.env.EXEGOL_ACCEPTANCE_ALL === '1';
/** A checkout and an export take about 3 s on a loaded machine: room for five times that. */
const PER_EXPORT_MS = 15_000;

describe(all ? 'every tools-list commit of the VitePress era' : 'a sample of the tools-list commits', () => {
  let cases: RealExport[] = [];
  beforeAll(async () => {
    const shas = all
      ? (await docs.log('^PIPELINE: tools list for ', ['--all', '--', DOCS_TOOLS])).map((c) => c.sha).reverse()
      : SAMPLE.map((u) => docs.commit(u));
    cases = await Promise.all(shas.map(describeExport));
  });

  (all ? test.skip : test)('the sample covers the profiles, both arches, nightly and release', () => {
    expect(new Set(cases.map((c) => c.channel))).toEqual(new Set(['release', 'nightly']));
    expect(new Set(cases.map((c) => c.arch))).toEqual(new Set(['amd64', 'arm64']));
    expect(new Set(cases.filter((c) => c.channel === 'release').map((c) => c.profile))).toEqual(
      new Set(['3.1.8', 'light', 'ad', 'osint', 'full']),
    );
  });

  test(
    'each is re-made tree for tree, message for message, by a real push',
    async () => {
      expect(cases).toHaveLength(all ? 231 : SAMPLE.length);
      const differ: string[] = [];
      for (const real of cases) {
        if (real.upstream.startsWith('50ce0eb')) continue; // below
        const { run, branch } = await reexport(real);
        const where = `${real.upstream.slice(0, 7)} ${real.subject}`;
        expect({ where, errors: run.errors, exit: run.exitCode, operation: run.outputs.operation }).toEqual({
          where,
          errors: [],
          exit: 0,
          operation: 'pushed',
        });
        const tip = (await sandbox.refs(docs.remote))[`refs/heads/${branch}`]!;
        const git = sandbox.git(docs.remote);
        const format = '%T%n%P%n%an <%ae>%n%cn <%ce>%n%B';
        const [made, upstream] = [
          await git.out(['log', '-1', `--format=${format}`, tip]),
          await git.out(['log', '-1', `--format=${format}`, real.sha]),
        ];
        if (made !== upstream)
          differ.push(
            `${where}:\n  made     ${made.split('\n').join(' | ')}\n  upstream ${upstream.split('\n').join(' | ')}`,
          );
      }
      expect(differ).toEqual([]);
    },
    (all ? 231 : SAMPLE.length) * PER_EXPORT_MS,
  );
});

test.each(CHECKOUT_RELEASES.filter((v) => v !== DEFAULT_CHECKOUT))(
  'the newest (a1aebb0) re-made after actions/checkout %s too',
  async (version) => {
    const real = await describeExport(docs.commit('a1aebb0'));
    const { run, branch } = await reexport(real, {}, { version });
    expect(run.errors).toEqual([]);
    expect(run.outputs.operation).toBe('pushed');
    const tip = (await sandbox.refs(docs.remote))[`refs/heads/${branch}`]!;
    const git = sandbox.git(docs.remote);
    expect(await git.out(['rev-parse', `${tip}^{tree}`, `${tip}^`])).toBe(
      await git.out(['rev-parse', `${real.sha}^{tree}`, `${real.sha}^`]),
    );
  },
);

describe('50ce0eb, nightly_d1c062c4_arm64 (2025-12-28): published with a row of four columns', () => {
  // Line 113 of that list, fping's, has a comma in its description (", similar to ping but…"):
  // four columns. The pipeline of the time published it as it was; export-tool-list refuses
  // such a row (a reader of the CSV would shift the description into a fourth column), so this
  // one real commit cannot be re-made as it is: with invalid-rows: drop the action publishes
  // the list without that row, and the rest of the commit is the real one.
  let real: RealExport;
  beforeAll(async () => {
    real = await describeExport(docs.commit('50ce0eb'));
  });

  test('refused by default, at the input file and line, and nothing pushed', async () => {
    const before = await sandbox.refs(docs.remote);
    const { run } = await reexport(real);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({ line: 113, message: expect.stringContaining('line 113 has 4 columns, expected 3') }),
    ]);
    expect(run.errors[0]!.file).toMatch(/installed_tools\.csv$/);
    expect(await sandbox.refs(docs.remote)).toEqual({ ...before, 'refs/heads/main': real.parent });
  });

  test('with invalid-rows: drop, the real commit less that one row', async () => {
    const { run, branch } = await reexport(real, { 'invalid-rows': 'drop' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ operation: 'pushed', 'invalid-rows': '1' });
    const tip = (await sandbox.refs(docs.remote))[`refs/heads/${branch}`]!;
    const git = sandbox.git(docs.remote);
    expect(await git.lines(['diff', '--name-only', real.sha, tip])).toEqual([real.listPath]);
    const upstream = (await docs.show(real.sha, real.listPath)).split('\n');
    expect(upstream[112]).toMatch(/^fping,https:\/\/github\.com\/schweikert\/fping,.*, similar to ping/);
    expect(await docs.show(tip, real.listPath)).toBe([...upstream.slice(0, 112), ...upstream.slice(113)].join('\n'));
    expect(await git.out(['log', '-1', '--format=%s|%an <%ae>', tip])).toBe(
      `${real.subject}|Github Actions <actions@github.com>`,
    );
  });
});
