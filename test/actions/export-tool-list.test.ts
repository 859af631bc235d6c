// export-tool-list end to end: the committed bundle, run as a runner runs it, against a docs
// remote (a bare repository holding the docs' real installed_tools files) checked out by the real
// actions/checkout. Every publication is read back from the remote.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';
import {
  DOCS_RESOURCES_FILE as RESOURCES_FILE,
  DOCS_TOOLS as TOOLS,
  docsRemote as docsRemoteFixture,
  fixtureFile as fixture,
  light3118Inputs as releaseInputs,
  light3118List,
  type DocsRemote,
} from '@exegol-actions/testkit/fixtures';

const LIGHT_3_1_17 = fixture('exegol-docs/installed_tools/lists/light_3.1.17_amd64.csv');
const RELEASES_AMD64 = fixture('exegol-docs/installed_tools/releases_amd64.csv');
const NIGHTLY = fixture('exegol-docs/installed_tools/nightly.csv');
const RESOURCES = fixture('exegol-resources/resources_list.csv');

/** The light 3.1.18 list: 3.1.17's with `feroxbuster` added and `neo4j` removed. */
const LIGHT_3_1_18 = light3118List();

let sandbox: GitSandbox;
let workspace: string;
beforeAll(async () => {
  sandbox = await GitSandbox.create('export-tool-list-');
  workspace = path.join(sandbox.root, 'work');
  fs.mkdirSync(workspace, { recursive: true });
});
afterAll(() => sandbox.cleanup());

type Docs = DocsRemote;

/** A docs remote with main and dev holding the docs' real tools files (and `extra`). */
function docsRemote(name: string, extra: Record<string, string> = {}): Promise<Docs> {
  return docsRemoteFixture(sandbox, name, extra);
}

let seq = 0;
/** A fresh depth-1 checkout of `branch` in the workspace, and an input file beside it. */
async function checkout(docs: Docs, branch: string): Promise<{ repo: TestRepo; dir: string }> {
  const repo = await sandbox.checkout(docs.remote, `refs/heads/${branch}`, { name: `docs-${++seq}` });
  return { repo, dir: path.relative(workspace, repo.dir) };
}

function input(name: string, content: string | Buffer): string {
  const file = path.join(workspace, 'inputs', `${++seq}-${name}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return path.relative(workspace, file);
}

async function exportList(
  inputs: RunActionOptions['inputs'],
  extra: Partial<RunActionOptions> = {},
): Promise<ActionRun> {
  return runAction({ action: 'export-tool-list', workspace, env: sandbox.env(), inputs, ...extra });
}

const ROW_3_1_18 = 'light,3.1.18,"2026-07-01T10:00:00Z",[download](</installed_tools/lists/light_3.1.18_amd64.csv>)';

async function show(docs: Docs, rev: string, file: string): Promise<string> {
  return (await sandbox.git(docs.remote).raw(['show', `${rev}:${file}`])).stdout;
}

/** The remote's refs, the checkout's HEAD, status and refs: to prove a failed run changed nothing. */
async function snapshot(docs: Docs, repo: TestRepo) {
  return {
    remote: await sandbox.refs(docs.remote),
    head: await repo.git.head(),
    status: await repo.git.out(['status', '--porcelain', '--untracked-files=all']),
    local: Object.fromEntries(
      Object.entries(await repo.git.refs()).filter(([ref]) => !ref.startsWith('refs/remotes/')),
    ),
  };
}

describe('push', () => {
  let docs: Docs;
  let first: ActionRun;
  beforeAll(async () => {
    docs = await docsRemote('docs-push');
    const { dir } = await checkout(docs, 'dev');
    first = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)));
  });

  test('inserts the new release row first and pushes the list to dev as Github Actions', async () => {
    expect(first.stderr).toBe('');
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);
    const refs = await sandbox.refs(docs.remote);
    expect(first.outputs).toMatchObject({
      changed: 'true',
      operation: 'pushed',
      'commit-sha': refs['refs/heads/dev'],
      rows: String(LIGHT_3_1_18.trimEnd().split('\n').length - 1),
      duplicates: '1',
      'invalid-rows': '0',
      added: '1',
      removed: '1',
      'list-file': `${TOOLS}/lists/light_3.1.18_amd64.csv`,
      'index-file': `${TOOLS}/releases_amd64.csv`,
    });
    // main (the nightly branch) is untouched.
    expect(refs['refs/heads/main']).toBe(await docs.maintainer.git.head());
    const log = await sandbox.git(docs.remote).out(['log', '-1', '--format=%an <%ae>|%cn|%s|%P', 'dev']);
    expect(log).toBe(
      `Github Actions <actions@github.com>|Github Actions|PIPELINE: tools list for light_3.1.18_amd64|${await docs.maintainer.git.head()}`,
    );
    const [header, ...rest] = RELEASES_AMD64.split('\n');
    expect(await show(docs, 'dev', `${TOOLS}/releases_amd64.csv`)).toBe([header, ROW_3_1_18, ...rest].join('\n'));
    expect(await show(docs, 'dev', `${TOOLS}/lists/light_3.1.18_amd64.csv`)).toBe(LIGHT_3_1_18);
    const changed = await sandbox.git(docs.remote).lines(['diff', '--name-only', 'dev~1', 'dev']);
    expect(changed).toEqual([`${TOOLS}/lists/light_3.1.18_amd64.csv`, `${TOOLS}/releases_amd64.csv`]);
  });

  test('the summary counts rows and names the tools added and removed since 3.1.17', () => {
    expect(first.summary).toContain('### export-tool-list ✅ `light_3.1.18_amd64`: pushed');
    expect(first.summary).toContain('**Compared with light 3.1.17**');
    expect(first.summary).toContain('Added: `feroxbuster`');
    expect(first.summary).toContain('Removed: `neo4j`');
    expect(first.summary).toContain('**Duplicate names** (allowed): `weevely` (lines 50, 51)');
  });

  test('a re-run with the same inputs changes nothing and succeeds', async () => {
    const before = await sandbox.refs(docs.remote);
    const { dir } = await checkout(docs, 'dev');
    const again = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)));
    expect(again.exitCode).toBe(0);
    expect(again.errors).toEqual([]);
    expect(again.outputs).toMatchObject({
      changed: 'false',
      operation: 'unchanged',
      'commit-sha': before['refs/heads/dev'],
    });
    expect(again.summary).toContain('already published, nothing changed');
    expect(await sandbox.refs(docs.remote)).toEqual(before);
  });

  test('a rebuild of the same version (new build date) replaces its row and moves it first', async () => {
    const { dir: other } = await checkout(docs, 'dev');
    const ad = await exportList(
      releaseInputs(other, input('installed_tools.csv', LIGHT_3_1_18), {
        profile: 'ad',
        'build-date': '2026-07-01T11:00:00Z',
      }),
    );
    expect(ad.outputs.operation).toBe('pushed');
    const { dir } = await checkout(docs, 'dev');
    const rebuilt = await exportList(
      releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18), { 'build-date': '2026-07-02T08:00:00+02:00' }),
    );
    expect(rebuilt.outputs).toMatchObject({ changed: 'true', operation: 'pushed' });
    const index = (await show(docs, 'dev', `${TOOLS}/releases_amd64.csv`)).split('\n');
    expect(index.slice(0, 3)).toEqual([
      'Image tag,Version,Build date,Tools list',
      'light,3.1.18,"2026-07-02T06:00:00Z",[download](</installed_tools/lists/light_3.1.18_amd64.csv>)',
      'ad,3.1.18,"2026-07-01T11:00:00Z",[download](</installed_tools/lists/ad_3.1.18_amd64.csv>)',
    ]);
    expect(index.filter((l) => l.startsWith('light,3.1.18,'))).toHaveLength(1);
    expect(index.slice(3).join('\n')).toBe(RELEASES_AMD64.split('\n').slice(1).join('\n'));
  });
});

describe('exact key match on the real index', () => {
  test('re-exporting full 3.1.1 replaces its old Sphinx row and leaves full 3.1.10 to 3.1.17 alone', async () => {
    const docs = await docsRemote('docs-3-1-1');
    const { dir } = await checkout(docs, 'dev');
    const run = await exportList(
      releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18), { profile: 'full', version: '3.1.1' }),
    );
    expect(run.outputs.operation).toBe('pushed');
    expect(run.summary).toContain('| index rows replaced | `1` |');
    const before = RELEASES_AMD64.split('\n');
    const after = (await show(docs, 'dev', `${TOOLS}/releases_amd64.csv`)).split('\n');
    expect(after[1]).toBe(
      'full,3.1.1,"2026-07-01T10:00:00Z",[download](</installed_tools/lists/full_3.1.1_amd64.csv>)',
    );
    expect(after.slice(2)).toEqual(before.slice(1).filter((l) => !l.startsWith('full,3.1.1,')));
    for (let v = 10; v <= 17; v++) expect(after.filter((l) => l.startsWith(`full,3.1.${v},`))).toHaveLength(1);
  });
});

describe('nightly', () => {
  test('one row per arch in nightly.csv, on main; the other arch kept byte for byte', async () => {
    const docs = await docsRemote('docs-nightly');
    const { dir } = await checkout(docs, 'main');
    const sha = 'ad8a5c77' + 'f'.repeat(32);
    const run = await exportList({
      'tools-csv': input('installed_tools.csv', LIGHT_3_1_18),
      'docs-path': dir,
      channel: 'nightly',
      version: sha.replace('ad8a5c77', '0badc0de'),
      arch: 'arm64',
      'build-date': '2026-07-03T00:10:00Z',
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      operation: 'pushed',
      'list-file': `${TOOLS}/lists/latest_nightly_arm64.csv`,
      'index-file': `${TOOLS}/nightly.csv`,
      added: '1',
      removed: '1',
    });
    const [header, amd64] = NIGHTLY.split('\n');
    expect(await show(docs, 'main', `${TOOLS}/nightly.csv`)).toBe(
      [
        header,
        'nightly,0badc0de,arm64,"2026-07-03T00:10:00Z",[download](</installed_tools/lists/latest_nightly_arm64.csv>)',
        amd64,
        '',
      ].join('\n'),
    );
    expect(await show(docs, 'main', `${TOOLS}/lists/latest_nightly_arm64.csv`)).toBe(LIGHT_3_1_18);
    expect(await sandbox.git(docs.remote).out(['log', '-1', '--format=%s', 'main'])).toBe(
      'PIPELINE: tools list for nightly_0badc0de_arm64',
    );
    expect((await sandbox.refs(docs.remote))['refs/heads/dev']).toBe(await docs.maintainer.git.head());
    expect(run.summary).toContain('Compared with the previous nightly list');
  });
});

describe('a push race', () => {
  const OTHER_ROW = 'web,3.1.18,"2026-07-01T09:00:00Z",[download](</installed_tools/lists/web_3.1.18_amd64.csv>)';

  /** Another image's job: its row at the top of the same index (a rebase of ours would conflict). */
  async function otherJob(docs: Docs, name: string): Promise<{ repo: TestRepo; sha: string }> {
    const repo = await sandbox.checkout(docs.remote, 'refs/heads/dev', { name: `${name}-other`, depth: 0 });
    const [header, ...rest] = RELEASES_AMD64.split('\n');
    const sha = await repo.commit('PIPELINE: tools list for web_3.1.18_amd64', {
      files: {
        [`${TOOLS}/releases_amd64.csv`]: [header, OTHER_ROW, ...rest].join('\n'),
        [`${TOOLS}/lists/web_3.1.18_amd64.csv`]: LIGHT_3_1_17,
      },
    });
    return { repo, sha };
  }

  /**
   * The other job pushes while ours is being received: the remote's pre-receive hook pushes the
   * other commit (once), so dev moves between our fetch and the update of our push, and git
   * refuses ours as stale (`cannot lock ref … is at X but expected Y`), as GitHub does.
   */
  async function racing(name: string): Promise<{ docs: Docs; dir: string; theirs: string }> {
    const docs = await docsRemote(name);
    const { dir } = await checkout(docs, 'dev');
    const other = await otherJob(docs, name);
    const fired = path.join(sandbox.root, `${name}-fired`);
    const clean = 'env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES -u GIT_DIR';
    fs.writeFileSync(
      path.join(docs.remote, 'hooks', 'pre-receive'),
      `#!/bin/sh\nif [ ! -e '${fired}' ]; then\n  touch '${fired}'\n  ${clean} git -C '${other.repo.dir}' push --quiet origin HEAD:refs/heads/dev >&2\nfi\nexit 0\n`,
      { mode: 0o755 },
    );
    return { docs, dir, theirs: other.sha };
  }

  test('the change is applied again on the moved branch and pushed; both rows are kept', async () => {
    const { docs, dir, theirs } = await racing('docs-race');
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)));
    expect(run.errors).toEqual([]);
    expect(run.outputs.operation).toBe('pushed');
    expect(run.stdout).toContain('dev moved: applying the change again on its new tip');
    expect(run.summary).toContain('| push attempts | `2` |');
    expect(await sandbox.git(docs.remote).out(['log', '-1', '--format=%P', 'dev'])).toBe(theirs);
    const [header, ...rest] = RELEASES_AMD64.split('\n');
    expect(await show(docs, 'dev', `${TOOLS}/releases_amd64.csv`)).toBe(
      [header, ROW_3_1_18, OTHER_ROW, ...rest].join('\n'),
    );
    expect(await show(docs, 'dev', `${TOOLS}/lists/web_3.1.18_amd64.csv`)).toBe(LIGHT_3_1_17);
    expect(run.outputs['commit-sha']).toBe((await sandbox.refs(docs.remote))['refs/heads/dev']);
  });

  test('retries are bounded: with push-attempts 1 the run fails and the remote keeps their commit', async () => {
    const { docs, dir, theirs } = await racing('docs-race-bounded');
    const run = await exportList(
      releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18), { 'push-attempts': '1' }),
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toMatch(/^Pushing to dev failed after 1 attempt\(s\): .*raise push-attempts\.$/);
    expect((await sandbox.refs(docs.remote))['refs/heads/dev']).toBe(theirs);
  });

  test('a checkout already behind the branch: the change goes on the tip, first time', async () => {
    const docs = await docsRemote('docs-behind');
    const { dir } = await checkout(docs, 'dev');
    const other = await otherJob(docs, 'docs-behind');
    await other.repo.git.raw(['push', '--quiet', 'origin', 'HEAD:refs/heads/dev']);
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)));
    expect(run.outputs.operation).toBe('pushed');
    expect(run.summary).not.toContain('push attempts');
    expect(await sandbox.git(docs.remote).out(['log', '-1', '--format=%P', 'dev'])).toBe(other.sha);
    expect((await show(docs, 'dev', `${TOOLS}/releases_amd64.csv`)).split('\n').slice(1, 3)).toEqual([
      ROW_3_1_18,
      OTHER_ROW,
    ]);
  });
});

describe('a protected branch', () => {
  test('fails with the fix (pull-request mode), remote unchanged', async () => {
    const docs = await docsRemote('docs-protected');
    sandbox.protectBranch(docs.remote, 'dev');
    const before = await sandbox.refs(docs.remote);
    const { dir } = await checkout(docs, 'dev');
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)));
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toContain('refuses direct pushes (branch protection)');
    expect(run.errors[0]!.message).toContain('Set publish: pull-request');
    expect(await sandbox.refs(docs.remote)).toEqual(before);
  });
});

describe('publish none and dry runs', () => {
  test('publish none writes both files in the checkout and commits nothing', async () => {
    const docs = await docsRemote('docs-none');
    const { repo, dir } = await checkout(docs, 'dev');
    const before = await sandbox.refs(docs.remote);
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18), { publish: 'none' }));
    expect(run.outputs).toMatchObject({ changed: 'true', operation: 'written', 'commit-sha': '' });
    expect(repo.read(`${TOOLS}/lists/light_3.1.18_amd64.csv`)).toBe(LIGHT_3_1_18);
    expect(repo.read(`${TOOLS}/releases_amd64.csv`).split('\n')[1]).toBe(ROW_3_1_18);
    expect(await repo.git.lines(['log', '--format=%s'])).toEqual(['docs']);
    expect(await sandbox.refs(docs.remote)).toEqual(before);
    const again = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18), { publish: 'none' }));
    expect(again.outputs).toMatchObject({ changed: 'false', operation: 'unchanged' });
  });

  test('a dry run shows the diff it would commit and changes nothing', async () => {
    const docs = await docsRemote('docs-dry');
    const { repo, dir } = await checkout(docs, 'dev');
    const before = await snapshot(docs, repo);
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18), { 'dry-run': 'true' }));
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'true', operation: 'dry-run', 'commit-sha': '' });
    expect(run.stdout).toContain('::group::The diff that would be committed');
    for (const text of [run.stdout, run.summary]) {
      expect(text).toContain(`+++ b/${TOOLS}/releases_amd64.csv`);
      expect(text).toContain(`+${ROW_3_1_18}`);
      expect(text).toContain(`+++ b/${TOOLS}/lists/light_3.1.18_amd64.csv`);
    }
    expect(await snapshot(docs, repo)).toEqual(before);
  });

  test('under act, a publishing run is a dry run unless dry-run says otherwise', async () => {
    const docs = await docsRemote('docs-act');
    const { dir } = await checkout(docs, 'dev');
    const before = await sandbox.refs(docs.remote);
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)), {
      env: { ...sandbox.env(), ACT: 'true' },
    });
    expect(run.outputs.operation).toBe('dry-run');
    expect(await sandbox.refs(docs.remote)).toEqual(before);
  });
});

describe('invalid rows', () => {
  const bad = LIGHT_3_1_18.replace(
    'hydra,https://github.com/vanhauser-thc/thc-hydra,',
    'hydra,https://github.com/vanhauser-thc/thc-hydra,Hydra, the login cracker,',
  ).replace('john,https://github.com/openwall/john,', 'john,github.com/openwall/john,');
  const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

  test('fail (default): one error per bad row at its line; nothing published', async () => {
    const docs = await docsRemote('docs-invalid');
    const { repo, dir } = await checkout(docs, 'dev');
    const before = await snapshot(docs, repo);
    const csv = input('installed_tools.csv', bad);
    const run = await exportList(releaseInputs(dir, csv));
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: csv,
        line: lineOf(bad, 'hydra,'),
        message: expect.stringMatching(
          /^Input "tools-csv": line \d+ has 5 columns, expected 3 \(Tool,Link,Description\): a comma in the description splits it\./,
        ),
      }),
      expect.objectContaining({
        file: csv,
        line: lineOf(bad, 'john,'),
        message: expect.stringContaining('the link "github.com/openwall/john" is not a URL'),
      }),
    ]);
    expect(run.outputs['invalid-rows']).toBe('2');
    expect(run.summary).toContain(`| ${lineOf(bad, 'john,')} | the link "github.com/openwall/john" is not a URL |`);
    expect(await snapshot(docs, repo)).toEqual(before);
  });

  test('drop: a warning per dropped row, the rest published byte for byte', async () => {
    const docs = await docsRemote('docs-drop');
    const { dir } = await checkout(docs, 'dev');
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', bad), { 'invalid-rows': 'drop' }));
    expect(run.exitCode).toBe(0);
    expect(run.errors).toEqual([]);
    expect(run.annotations.filter((a) => a.level === 'warning').map((a) => a.line)).toEqual([
      lineOf(bad, 'hydra,'),
      lineOf(bad, 'john,'),
    ]);
    expect(run.outputs).toMatchObject({ operation: 'pushed', 'invalid-rows': '2' });
    const published = await show(docs, 'dev', `${TOOLS}/lists/light_3.1.18_amd64.csv`);
    expect(published).toBe(
      bad
        .split('\n')
        .filter((l) => !l.startsWith('hydra,') && !l.startsWith('john,'))
        .join('\n'),
    );
    expect(run.summary).toContain('**Dropped rows**');
  });
});

describe('bad input: one clear error, the checkout and the remote untouched', () => {
  let docs: Docs;
  beforeAll(async () => {
    docs = await docsRemote('docs-bad', {
      [`${TOOLS}/releases_arm64.csv`]: 'Tag,Version,Date,Link\nfull,3.1.17,2026,x\n',
    });
  });

  const latin1 = Buffer.concat([
    Buffer.from(
      'Tool,Link,Description\nnmap,https://nmap.org,Port scanner\nhydra,https://github.com/vanhauser-thc/thc-hydra,Login cracker for caf',
    ),
    Buffer.from([0xe9]),
    Buffer.from('s\n'),
  ]);
  const cases: [string, Record<string, string>, string, RegExp, number | undefined][] = [
    [
      'a 4-column row',
      {},
      LIGHT_3_1_18.replace('ffuf,https://github.com/ffuf/ffuf,Fast', 'ffuf,https://github.com/ffuf/ffuf,Fast,'),
      /^Input "tools-csv": line 18 has 4 columns, expected 3 \(Tool,Link,Description\)/,
      18,
    ],
    [
      'a missing header',
      {},
      LIGHT_3_1_18.split('\n').slice(1).join('\n'),
      /^Input "tools-csv": has no header: line 1 is a row .*"Tool,Link,Description"\. Fix the file\.$/,
      1,
    ],
    [
      'a non-UTF-8 file',
      {},
      'latin1',
      /^Input "tools-csv": is not UTF-8: invalid bytes on line 3\. Save the file as UTF-8/,
      3,
    ],
    ['an empty list', {}, 'Tool,Link,Description\n', /^Input "tools-csv": has a header and no rows/, 1],
    ['an empty file', {}, '', /^Input "tools-csv": is empty/, 1],
    [
      'an unknown publish mode',
      { publish: 'merge' },
      LIGHT_3_1_18,
      /^Input "publish": unknown value "merge"\. Use one of: push, pull-request, none\.$/,
      undefined,
    ],
    ['an unknown channel', { channel: 'beta' }, LIGHT_3_1_18, /^Input "channel": unknown value "beta"/, undefined],
    [
      'a version that is not a version',
      { version: 'latest' },
      LIGHT_3_1_18,
      /^Input "version": "latest" is not a valid version/,
      undefined,
    ],
    [
      'a nightly version that is not a commit',
      { channel: 'nightly', profile: '', version: '3.1.18' },
      LIGHT_3_1_18,
      /^Input "version": "3\.1\.18" is not a commit/,
      undefined,
    ],
    [
      'a build date without a zone',
      { 'build-date': '2026-07-01 10:00' },
      LIGHT_3_1_18,
      /^Input "build-date": "2026-07-01 10:00" is not an ISO-8601 date-time with a time zone/,
      undefined,
    ],
    ['no build date', { 'build-date': '' }, LIGHT_3_1_18, /^Input "build-date": is required/, undefined],
    [
      'two sources',
      { image: 'nwodtuhs/exegol:light' },
      LIGHT_3_1_18,
      /^Input "image": is set together with "tools-csv"/,
      undefined,
    ],
    [
      'a resources-only run given a channel',
      { 'resources-csv': 'x.csv', 'tools-csv': '' },
      LIGHT_3_1_18,
      /^Input "channel": applies to tools lists only/,
      undefined,
    ],
  ];

  test.each(cases)('%s', async (_, more, content, message, line) => {
    const { repo, dir } = await checkout(docs, 'dev');
    const before = await snapshot(docs, repo);
    const csv = input('installed_tools.csv', content === 'latin1' ? latin1 : content);
    if (more['resources-csv']) more['resources-csv'] = input('resources.csv', RESOURCES);
    const run = await exportList({ ...releaseInputs(dir, csv), ...more });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toMatch(message);
    if (line !== undefined) expect(run.errors[0]).toMatchObject({ file: csv, line });
    expect(await snapshot(docs, repo)).toEqual(before);
  });

  test('an index file with an unknown header: the error is at the index, line 1', async () => {
    const { repo, dir } = await checkout(docs, 'dev');
    const before = await snapshot(docs, repo);
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18), { arch: 'arm64' }));
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: `${dir}/${TOOLS}/releases_arm64.csv`,
        line: 1,
        message: expect.stringMatching(
          /^The index docs\/src\/public\/installed_tools\/releases_arm64\.csv in docs-path has "Tag,Version,Date,Link", expected the release index header/,
        ),
      }),
    ]);
    expect(await snapshot(docs, repo)).toEqual(before);
  });

  test('a docs path that is not a checkout, in push mode', async () => {
    const dir = path.relative(workspace, path.join(workspace, 'not-a-checkout'));
    fs.mkdirSync(path.join(workspace, dir), { recursive: true });
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)));
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toMatch(/^Input "docs-path": .* is not a git checkout/);
    expect(fs.readdirSync(path.join(workspace, dir))).toEqual([]);
  });
});

describe('resources list', () => {
  test('validated (its row without a link allowed), copied to the docs main, compared with the published one', async () => {
    const docs = await docsRemote('docs-resources');
    const { dir } = await checkout(docs, 'main');
    const run = await exportList({ 'resources-csv': input('resources_list.csv', RESOURCES), 'docs-path': dir });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      operation: 'pushed',
      'list-file': RESOURCES_FILE,
      'index-file': '',
      added: '1',
      removed: '0',
    });
    expect(await show(docs, 'main', RESOURCES_FILE)).toBe(RESOURCES);
    expect(await sandbox.git(docs.remote).out(['log', '-1', '--format=%s', 'main'])).toBe('PIPELINE: resources list');
    expect(run.summary).toContain('Added: `pspy`');
    const again = await exportList({
      'resources-csv': input('resources_list.csv', RESOURCES),
      'docs-path': (await checkout(docs, 'main')).dir,
    });
    expect(again.outputs).toMatchObject({ changed: 'false', operation: 'unchanged' });
  });

  test('a tools header in the resources list is refused before anything moves', async () => {
    const docs = await docsRemote('docs-resources-bad');
    const { repo, dir } = await checkout(docs, 'main');
    const before = await snapshot(docs, repo);
    const csv = input('resources_list.csv', RESOURCES.replace('Resource,Link,Description', 'Tool,Link,Description'));
    const run = await exportList({ 'resources-csv': csv, 'docs-path': dir });
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: csv,
        line: 1,
        message: expect.stringContaining('expected "Resource,Link,Description"'),
      }),
    ]);
    expect(await snapshot(docs, repo)).toEqual(before);
  });
});

describe('credentials', () => {
  test('the token and the deploy key are masked and never printed', async () => {
    const docs = await docsRemote('docs-secrets');
    const { dir } = await checkout(docs, 'dev');
    const token = 'ghs_FAKE0123456789abcdefTOKEN';
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAFAKEFAKEFAKE\n-----END OPENSSH PRIVATE KEY-----\n';
    const temp = path.join(sandbox.root, 'runner-temp');
    fs.mkdirSync(temp);
    const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18), { 'ssh-key': key }), {
      token,
      env: { ...sandbox.env(), RUNNER_TEMP: temp },
    });
    expect(run.outputs.operation).toBe('pushed');
    expect(run.masks).toEqual(expect.arrayContaining([token, 'b3BlbnNzaC1rZXktdjEAAAAAFAKEFAKEFAKE']));
    // Only the runner's own mask commands may carry them.
    const printed = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    for (const text of [printed.join('\n'), run.stderr, run.summary]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('b3BlbnNzaC1rZXktdjEAAAAAFAKEFAKEFAKE');
    }
    // The key file lived in RUNNER_TEMP for the run only.
    expect(fs.readdirSync(temp)).toEqual([]);
  });
});

// The image source needs a Docker engine (scripts/setup-docker.sh starts one). Without one the
// tests are skipped loudly on a developer's machine; in CI they run, and fail if it is missing.
const dockerAnswers = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
if (!dockerAnswers && process.env.CI !== 'true') {
  console.warn(
    '⚠️  SKIPPING the export-tool-list image tests: `docker info` does not answer here. Run scripts/setup-docker.sh, or CI=true to make them run (and fail).',
  );
}
const describeDocker = dockerAnswers || process.env.CI === 'true' ? describe : describe.skip;

describeDocker('image source', () => {
  const tag = `exegol-actions-test/export-tool-list:${process.pid}`;
  const empty = `${tag}-empty`;
  const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
  /** A one-layer image from a folder (no base image needed: nothing is ever run in it). */
  const importImage = (name: string, files: Record<string, string>, labels: Record<string, string>) => {
    const root = fs.mkdtempSync(path.join(sandbox.root, 'image-'));
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), content);
    }
    const tar = `${root}.tar`;
    execFileSync('tar', ['-cf', tar, '-C', root, '.']);
    docker(
      'import',
      ...Object.entries(labels).flatMap(([k, v]) => ['--change', `LABEL ${k}=${v}`]),
      '--change',
      'CMD ["/bin/true"]',
      tar,
      name,
    );
  };
  const containersOf = (image: string) => docker('ps', '--all', '--quiet', '--filter', `ancestor=${image}`);

  beforeAll(() => {
    importImage(
      tag,
      { '.exegol/installed_tools.csv': LIGHT_3_1_18, 'opt/.exegol_version': 'light-3.1.18\n' },
      { 'org.exegol.build_date': '2026-07-04T05:06:07Z', 'org.exegol.app': 'Exegol' },
    );
    importImage(empty, { 'opt/.exegol_version': 'light-3.1.18\n' }, {});
  });
  afterAll(() => {
    spawnSync('docker', ['rmi', '--force', tag, empty], { stdio: 'ignore' });
  });

  test('copies /.exegol/installed_tools.csv out of the image, dates it from its label, leaves no container', async () => {
    const docs = await docsRemote('docs-image');
    const { dir } = await checkout(docs, 'dev');
    const run = await exportList({
      image: tag,
      'docs-path': dir,
      channel: 'release',
      profile: 'light',
      version: '3.1.18',
      arch: 'amd64',
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ operation: 'pushed', added: '1', removed: '1' });
    expect(await show(docs, 'dev', `${TOOLS}/lists/light_3.1.18_amd64.csv`)).toBe(LIGHT_3_1_18);
    expect((await show(docs, 'dev', `${TOOLS}/releases_amd64.csv`)).split('\n')[1]).toBe(
      'light,3.1.18,"2026-07-04T05:06:07Z",[download](</installed_tools/lists/light_3.1.18_amd64.csv>)',
    );
    expect(containersOf(tag)).toBe('');
  });

  test('an image without the file: one error naming image-path; no container left, nothing pushed', async () => {
    const docs = await docsRemote('docs-image-missing');
    const { repo, dir } = await checkout(docs, 'dev');
    const before = await snapshot(docs, repo);
    const run = await exportList({
      image: empty,
      'docs-path': dir,
      channel: 'release',
      profile: 'light',
      version: '3.1.18',
      arch: 'amd64',
      'build-date': '2026-07-04T05:06:07Z',
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toMatch(
      /^Input "image-path": "\/\.exegol\/installed_tools\.csv" is not in image exegol-actions-test\/export-tool-list:\d+-empty/,
    );
    expect(containersOf(empty)).toBe('');
    expect(await snapshot(docs, repo)).toEqual(before);
  });

  test('an image that does not exist: one error naming image', async () => {
    const docs = await docsRemote('docs-image-unknown');
    const { repo, dir } = await checkout(docs, 'dev');
    const before = await snapshot(docs, repo);
    const run = await exportList({
      image: 'exegol-actions-test/no-such-image:0',
      'docs-path': dir,
      channel: 'release',
      profile: 'light',
      version: '3.1.18',
      arch: 'amd64',
      'build-date': '2026-07-04T05:06:07Z',
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toMatch(/^Input "image": "exegol-actions-test\/no-such-image:0" cannot be used/);
    expect(await snapshot(docs, repo)).toEqual(before);
  });
});

describe('pull-request mode, through the GitHub API double', () => {
  const repository = 'ThePorgs/Exegol-docs';
  const HEAD = 'pipeline/tools-list/light_3.1.18_amd64';
  let docs: Docs;
  let double: GitHubDouble;
  beforeAll(async () => {
    docs = await docsRemote('docs-pr');
    double = await startGitHubDouble({
      repos: { [repository]: { gitDir: docs.remote } },
      tokens: { ghs_docs_writer: {}, ghs_docs_reader: { permissions: { contents: 'write', pull_requests: 'read' } } },
    });
  });
  afterEach(() => double.assertNoViolations());
  afterAll(async () => double.stop());

  async function pr(branch: string, more: Record<string, string> = {}, token = 'ghs_docs_writer'): Promise<ActionRun> {
    const { dir } = await checkout(docs, branch);
    return exportList(
      releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18), {
        publish: 'pull-request',
        'docs-repository': repository,
        'pull-request-labels': 'bot, docs',
        ...more,
      }),
      { apiUrl: double.url, token },
    );
  }
  const pulls = () => double.state.pulls(repository).filter((p) => p.headRef === HEAD);

  test('opens one pull request per key into dev, from a branch of its own; dev untouched', async () => {
    const dev = (await sandbox.refs(docs.remote))['refs/heads/dev'];
    const run = await pr('dev');
    expect(run.errors).toEqual([]);
    const refs = await sandbox.refs(docs.remote);
    expect(refs['refs/heads/dev']).toBe(dev);
    const [open] = pulls();
    expect(pulls()).toHaveLength(1);
    expect(open).toMatchObject({
      state: 'open',
      baseRef: 'dev',
      title: 'PIPELINE: tools list for light_3.1.18_amd64',
      headSha: refs[`refs/heads/${HEAD}`],
    });
    expect(open!.body).toContain('compared with light 3.1.17: 1 added, 1 removed');
    expect(double.state.labels(repository, open!.number)).toEqual(['bot', 'docs']);
    expect(run.outputs).toMatchObject({
      changed: 'true',
      operation: 'pull-request-created',
      'pull-request-number': String(open!.number),
      'pull-request-url': expect.stringMatching(new RegExp(`/pull/${open!.number}$`)),
      'commit-sha': refs[`refs/heads/${HEAD}`],
    });
    expect(await sandbox.git(docs.remote).out(['log', '-1', '--format=%P|%s', HEAD])).toBe(
      `${dev}|PIPELINE: tools list for light_3.1.18_amd64`,
    );
    expect((await show(docs, HEAD, `${TOOLS}/releases_amd64.csv`)).split('\n')[1]).toBe(ROW_3_1_18);
    expect(run.summary).toContain(`| pull request | \`#${open!.number}\` |`);
  });

  test('a re-run finds its pull request and changes nothing: no push, no API write', async () => {
    const before = await sandbox.refs(docs.remote);
    double.resetCounts();
    const run = await pr('dev');
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      changed: 'false',
      operation: 'unchanged',
      'pull-request-number': String(pulls()[0]!.number),
    });
    expect(await sandbox.refs(docs.remote)).toEqual(before);
    expect(
      double.count({ operationId: 'pulls/create' }) +
        double.count({ operationId: 'pulls/update' }) +
        double.count({ operationId: 'issues/add-labels' }),
    ).toBe(0);
    expect(pulls()).toHaveLength(1);
  });

  test('a rebuild (new date) on a base that moved: the head branch is rebuilt on the new tip, the same pull request updated', async () => {
    const number = pulls()[0]!.number;
    await docs.maintainer.switch('dev');
    await docs.maintainer.git.raw(['pull', '--quiet', '--ff-only', 'origin', 'dev']);
    const moved = await docs.maintainer.commit('docs: a page', { files: { 'docs/src/index.md': '# Exegol\n' } });
    await docs.maintainer.git.raw(['push', '--quiet', 'origin', 'dev']);
    const run = await pr('dev', { 'build-date': '2026-07-05T00:00:00Z' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      changed: 'true',
      operation: 'pull-request-updated',
      'pull-request-number': String(number),
    });
    expect(pulls()).toHaveLength(1);
    expect(pulls()[0]!.body).toContain('build date: 2026-07-05T00:00:00Z');
    expect(await sandbox.git(docs.remote).out(['log', '-1', '--format=%P', HEAD])).toBe(moved);
    expect((await show(docs, HEAD, `${TOOLS}/releases_amd64.csv`)).split('\n')[1]).toBe(
      ROW_3_1_18.replace('2026-07-01T10:00:00Z', '2026-07-05T00:00:00Z'),
    );
    expect((await sandbox.refs(docs.remote))['refs/heads/dev']).toBe(moved);
  });

  test('nightly: one pull request per arch, whatever the commit', async () => {
    const nightly = (sha: string) =>
      pr('main', {
        channel: 'nightly',
        profile: '',
        version: sha.repeat(5),
        arch: 'amd64',
        'build-date': '2026-07-06T00:00:00Z',
      });
    const first = await nightly('1234abcd');
    const second = await nightly('5678ef00');
    expect(first.outputs.operation).toBe('pull-request-created');
    expect(second.outputs).toMatchObject({
      operation: 'pull-request-updated',
      'pull-request-number': first.outputs['pull-request-number'],
    });
    const open = double.state.pulls(repository).filter((p) => p.headRef === 'pipeline/tools-list/nightly_amd64');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ baseRef: 'main', title: 'PIPELINE: tools list for nightly_5678ef00_amd64' });
  });

  test('a token that cannot write pull requests: one error naming the permission', async () => {
    const run = await pr('dev', { profile: 'web' }, 'ghs_docs_reader');
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toContain('the token lacks the "pull-requests: write" permission');
    expect(double.state.pulls(repository).filter((p) => p.headRef === 'pipeline/tools-list/web_3.1.18_amd64')).toEqual(
      [],
    );
  });

  test('no docs-repository and an origin that is not on GitHub: one error, nothing pushed', async () => {
    const before = await sandbox.refs(docs.remote);
    const run = await pr('dev', { profile: 'osint', 'docs-repository': '' });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toMatch(
      /^Input "docs-repository": is empty and the checkout's origin \(http:\/\/127\.0\.0\.1:\d+\/.*\) is not a repository on github\.com/,
    );
    expect(await sandbox.refs(docs.remote)).toEqual(before);
  });
});

describe('credentials over HTTPS', () => {
  const token = 'ghs_DOCS0123456789abcdefPUSH';
  const basic = (t: string) => Buffer.from(`x-access-token:${t}`).toString('base64');

  /** A docs remote served over HTTP that requires `token`, and a checkout whose origin is it. */
  async function served(name: string) {
    const docs = await docsRemote(name);
    const server = await sandbox.serveHttp({ token });
    const { repo, dir } = await checkout(docs, 'dev');
    await repo.git.raw(['remote', 'set-url', 'origin', server.url(docs.remote)]);
    return { docs, server, repo, dir };
  }

  test('the token input authenticates the push, with one Authorization header, and stays out of .git/config', async () => {
    const { docs, server, repo, dir } = await served('docs-https-token');
    try {
      const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)), {
        token,
        serverUrl: server.origin,
      });
      expect(run.errors).toEqual([]);
      expect(run.outputs.operation).toBe('pushed');
      expect(run.outputs['commit-sha']).toBe((await sandbox.refs(docs.remote))['refs/heads/dev']);
      expect(
        server.requests.filter((r) => r.method === 'POST').every((r) => r.authorized && r.authorizationHeaders === 1),
      ).toBe(true);
      expect(server.requests.some((r) => r.path.endsWith('/git-receive-pack'))).toBe(true);
      expect(fs.readFileSync(path.join(repo.dir, '.git/config'), 'utf8')).not.toContain(basic(token));
    } finally {
      await server.close();
    }
  });

  test("credentials the checkout kept (actions/checkout's persisted header) are used as they are", async () => {
    const { docs, server, repo, dir } = await served('docs-https-persisted');
    try {
      await repo.git.raw([
        'config',
        '--local',
        `http.${server.origin}/.extraheader`,
        `AUTHORIZATION: basic ${basic(token)}`,
      ]);
      // github.token of the workflow's own repository: no right on the docs.
      const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)), {
        token: 'ghs_OTHERREPO00000000000000',
        serverUrl: server.origin,
      });
      expect(run.errors).toEqual([]);
      expect(run.outputs.operation).toBe('pushed');
      expect(run.outputs['commit-sha']).toBe((await sandbox.refs(docs.remote))['refs/heads/dev']);
      expect(server.requests.every((r) => r.authorizationHeaders <= 1)).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('a token that cannot read the docs: one error that says so, the token not printed, nothing pushed', async () => {
    const { docs, server, dir } = await served('docs-https-denied');
    try {
      const before = await sandbox.refs(docs.remote);
      const wrong = 'ghs_WRONG0123456789abcdefTOKEN';
      const run = await exportList(releaseInputs(dir, input('installed_tools.csv', LIGHT_3_1_18)), {
        token: wrong,
        serverUrl: server.origin,
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]!.message).toMatch(/^Could not fetch dev from the docs repository: .*Check that the token/);
      expect(
        run.stdout
          .split('\n')
          .filter((l) => !l.startsWith('::add-mask::'))
          .join('\n'),
      ).not.toContain(wrong);
      expect(await sandbox.refs(docs.remote)).toEqual(before);
    } finally {
      await server.close();
    }
  });
});
