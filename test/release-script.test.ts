// scripts/release.ts, the parts of releasing exegol/actions that are not one of its actions:
// the version and changelog check, and moving the major tag. Real git remotes, and the GitHub
// API double for the "no release on v1" rule.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { repoRoot } from '@exegol-actions/testkit/runner';

const exec = promisify(execFile);
const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');

interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function release(cwd: string, args: string[], env: Record<string, string> = {}): Promise<ScriptRun> {
  const clean = { ...process.env };
  for (const k of [
    'GITHUB_TOKEN',
    'GH_TOKEN',
    'GITHUB_REPOSITORY',
    'GITHUB_OUTPUT',
    'GITHUB_STEP_SUMMARY',
    'GITHUB_API_URL',
  ])
    delete clean[k];
  return exec(process.execPath, [tsx, path.join(repoRoot, 'scripts/release.ts'), ...args], {
    cwd,
    env: { ...clean, ...sandbox.env(), ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: ScriptRun) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('release-script-');
});
afterAll(() => sandbox.cleanup());

describe('check', () => {
  async function project(name: string, version: string, changelog: string): Promise<string> {
    const repo = await sandbox.repo(name);
    repo.write({
      'package.json': `{\n  "name": "exegol-actions",\n  "version": "${version}"\n}\n`,
      'CHANGELOG.md': changelog,
    });
    return repo.dir;
  }

  test('a stable version with its changelog section: outputs and the release text', async () => {
    const dir = await project(
      'check-ok',
      '1.2.0',
      '# Changelog\n\n## [1.2.0] - 2026-12-01\n\n- Templates for the four repositories.\n\n## [1.1.0] - 2026-11-01\n\n- Older.\n',
    );
    const output = path.join(dir, 'output.txt');
    const res = await release(dir, ['check', '--notes-file', 'notes.md'], { GITHUB_OUTPUT: output });
    expect(res).toMatchObject({ code: 0 });
    expect(fs.readFileSync(output, 'utf8')).toBe('version=1.2.0\ntag=v1.2.0\n');
    expect(fs.readFileSync(path.join(dir, 'notes.md'), 'utf8')).toBe('- Templates for the four repositories.\n');
  });

  test('refuses a pre-release, and a version the changelog does not describe', async () => {
    const beta = await release(await project('check-beta', '1.3.0-beta.1', '## [1.3.0-beta.1]\n\n- x\n'), ['check']);
    expect(beta.code).toBe(1);
    expect(beta.stdout).toMatch(/^::error::package\.json version 1\.3\.0-beta\.1 is a pre-release/m);
    const undocumented = await release(await project('check-nolog', '1.3.0', '## [1.2.0]\n\n- x\n'), ['check']);
    expect(undocumented.code).toBe(1);
    expect(undocumented.stdout).toContain('::error::CHANGELOG.md has no section "## [1.3.0]"');
    const empty = await release(await project('check-empty', '1.3.0', '## [1.3.0]\n\n## [1.2.0]\n\n- x\n'), ['check']);
    expect(empty.code).toBe(1);
  });

  test("this repository's own version and changelog pass", async () => {
    const res = await release(repoRoot, ['check']);
    expect(res).toMatchObject({ code: 0 });
  });
});

describe('move-major', () => {
  let remote: string;
  let maintainer: TestRepo;
  let checkout: TestRepo;
  /** The commit a tag of the remote names (peeled), or null. */
  const tagCommit = (tag: string): Promise<string | null> => sandbox.git(remote).revParse(`refs/tags/${tag}`);
  async function releaseCommit(version: string, options: { lightweight?: boolean } = {}): Promise<string> {
    const sha = await maintainer.commit(`Release ${version}`, { files: { 'CHANGELOG.md': `## [${version}]\n` } });
    await maintainer.tag(`v${version}`, { lightweight: options.lightweight });
    await maintainer.pushAll();
    return sha;
  }

  beforeAll(async () => {
    remote = await sandbox.bare('actions');
    maintainer = await sandbox.repo('actions-maintainer', remote);
    await releaseCommit('1.0.0');
    // The release job's checkout: it fetches what it needs itself.
    checkout = await sandbox.checkout(remote, 'refs/tags/v1.0.0', { name: 'actions-checkout' });
  });

  test('creates the major tag on the first release, then finds it there', async () => {
    const first = await release(checkout.dir, ['move-major', '--tag', 'v1.0.0']);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Moved v1: (new) →');
    expect(await tagCommit('v1')).toBe(await tagCommit('v1.0.0'));
    const again = await release(checkout.dir, ['move-major', '--tag', 'v1.0.0']);
    expect(again.stdout).toContain('v1 already points at v1.0.0');
  });

  test('moves it to the next release; a dry run only says so', async () => {
    const sha = await releaseCommit('1.1.0');
    const summary = path.join(sandbox.root, 'summary.md');
    const dry = await release(checkout.dir, ['move-major', '--tag', 'v1.1.0', '--dry-run'], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(dry.stdout).toContain('dry-run: would move v1:');
    expect(await tagCommit('v1')).toBe(await tagCommit('v1.0.0'));
    const moved = await release(checkout.dir, ['move-major', '--tag', 'v1.1.0'], { GITHUB_STEP_SUMMARY: summary });
    expect(moved).toMatchObject({ code: 0 });
    expect(await tagCommit('v1')).toBe(sha);
    expect(fs.readFileSync(summary, 'utf8')).toContain(`→ ${sha.slice(0, 8)} (v1.1.0)`);
  });

  test('refuses to take users back, a lightweight tag, a pre-release, and leaves v1 alone', async () => {
    const before = await sandbox.refs(remote);
    const older = await release(checkout.dir, ['move-major', '--tag', 'v1.0.0']);
    expect(older.code).toBe(1);
    expect(older.stdout).toContain('::error::v1.0.0 is not the highest v1.x release (v1.1.0 is)');
    await releaseCommit('1.2.0', { lightweight: true });
    const light = await release(checkout.dir, ['move-major', '--tag', 'v1.2.0']);
    expect(light.stdout).toContain('::error::v1.2.0 is a lightweight tag');
    const beta = await release(checkout.dir, ['move-major', '--tag', 'v1.3.0-beta.1']);
    expect(beta.stdout).toContain('::error::v1.3.0-beta.1 is a pre-release');
    const missing = await release(checkout.dir, ['move-major', '--tag', 'v1.9.0']);
    expect(missing.stdout).toContain('::error::origin has no tag v1.9.0');
    const after = await sandbox.refs(remote);
    expect(after['refs/tags/v1']).toBe(before['refs/tags/v1']);
  });

  test('a new major gets its own tag; the old one stays', async () => {
    const v1 = await tagCommit('v1');
    const sha = await releaseCommit('2.0.0');
    expect(await release(checkout.dir, ['move-major', '--tag', 'v2.0.0'])).toMatchObject({ code: 0 });
    expect(await tagCommit('v2')).toBe(sha);
    expect(await tagCommit('v1')).toBe(v1);
  });

  describe('with the GitHub API', () => {
    let double: GitHubDouble;
    beforeAll(async () => {
      double = await startGitHubDouble({
        repos: { 'exegol/actions': { gitDir: remote } },
        tokens: { ghs_release: { permissions: { contents: 'write' } } },
      });
    });
    afterAll(() => double.stop());
    const api = (): Record<string, string> => ({
      GITHUB_TOKEN: 'ghs_release',
      GITHUB_REPOSITORY: 'exegol/actions',
      GITHUB_API_URL: double.url,
    });

    test('moves the tag when no release is attached to it', async () => {
      const sha = await releaseCommit('2.1.0');
      const res = await release(checkout.dir, ['move-major', '--tag', 'v2.1.0'], api());
      expect(res).toMatchObject({ code: 0 });
      expect(await tagCommit('v2')).toBe(sha);
      expect(double.count({ operationId: 'repos/get-release-by-tag' })).toBe(1);
      double.assertNoViolations();
    });

    test('refuses while a release is attached to the major tag', async () => {
      await double.act('repos/create-release', { owner: 'exegol', repo: 'actions', tag_name: 'v2', name: 'v2' });
      const before = await tagCommit('v2');
      await releaseCommit('2.2.0');
      const res = await release(checkout.dir, ['move-major', '--tag', 'v2.2.0'], api());
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('::error::A GitHub release is attached to v2');
      expect(await tagCommit('v2')).toBe(before);
      double.assertNoViolations();
    });
  });
});
