// Preflight: a step that cannot finish must fail before its first change. Each scenario runs an
// action against a world it cannot write (a runner file on a read-only file system, a read-only
// checkout, a full disk — real tmpfs mounts where the machine allows them), asserts a named
// error and an unchanged world (remote refs, the API double's releases), then runs it again on a
// healthy runner and sees it change the world: proof that the first run stopped in time.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { snapshot } from '@exegol-actions/testkit/snapshot';
import {
  docsRemote as docs,
  fixtureFile as fixture,
  githubProject,
  type GitHubProject,
} from '@exegol-actions/testkit/fixtures';

const TOKEN = 'ghs_preflighttoken000000001';
const CI = process.env.CI === 'true';

let sandbox: GitSandbox;
let double: GitHubDouble;
const mounts: string[] = [];

/** A tmpfs of `size` at a new folder, or why there cannot be one (not root, no CAP_SYS_ADMIN). */
function tmpfs(name: string, size: string): { dir: string } | { reason: string } {
  const dir = path.join(sandbox.root, 'mounts', name);
  fs.mkdirSync(dir, { recursive: true });
  const res = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (res.status !== 0) return { reason: (res.stderr || res.error?.message || `mount exited ${res.status}`).trim() };
  mounts.push(dir);
  return { dir };
}

function readOnly(dir: string): void {
  const res = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`remount ro of ${dir} failed: ${res.stderr}`);
}

const probe = { reason: '' };
beforeAll(async () => {
  sandbox = await GitSandbox.create('preflight-');
  double = await startGitHubDouble({ tokens: { [TOKEN]: {} } });
  const m = tmpfs('probe', '64k');
  if ('reason' in m) probe.reason = m.reason;
});
afterAll(async () => {
  for (const dir of mounts.reverse()) spawnSync('umount', ['-l', dir]);
  await double.stop();
  sandbox.cleanup();
});

/** Mount tests skip loudly where mounting is not allowed; under CI=true they must run. */
function needsMounts(): void {
  if (!probe.reason) return;
  if (CI) throw new Error(`these tests mount tmpfs file systems and need root with CAP_SYS_ADMIN: ${probe.reason}`);
  console.warn(`SKIPPED (no tmpfs mounts here: ${probe.reason})`);
}

function onlyError(run: ActionRun): string {
  if (run.errors.length !== 1) console.log(run.stdout, run.stderr);
  expect(run.exitCode).toBe(1);
  expect(run.errors).toHaveLength(1);
  return run.errors[0]!.message;
}

describe('create-release', () => {
  let p: GitHubProject;
  const world = () => ({ repos: [p.remote], env: sandbox.env(), double, apiRepos: [p.fullName] });
  const release = async (
    dir: string,
    env: Record<string, string> = {},
    inputs: Record<string, string> = {},
  ): Promise<ActionRun> =>
    runAction({
      action: 'create-release',
      workspace: dir,
      ref: `refs/heads/${p.releaseBranch}`,
      sha: p.mergeSha,
      repository: p.fullName,
      apiUrl: double.url,
      token: TOKEN,
      env: { ...sandbox.env(), ...env },
      inputs,
    });

  beforeAll(async () => {
    p = await githubProject(sandbox, double, 'Exegol', {
      kind: 'wrapper',
      previous: '4.3.4',
      betas: ['4.3.5b1'],
      released: '4.3.5',
      owner: 'ThePorgs',
    });
  });

  test('GITHUB_OUTPUT that cannot be written: no tag, no release; a healthy re-run makes both', async () => {
    const checkout = await sandbox.checkout(p.remote, `refs/heads/${p.releaseBranch}`);
    // A read-only file system where the machine allows a mount; a folder in its place elsewhere.
    const m = tmpfs('output', '64k');
    let output: string;
    let why: string;
    if ('dir' in m) {
      output = path.join(m.dir, 'output');
      fs.writeFileSync(output, '');
      readOnly(m.dir);
      why = 'it is on a read-only file system';
    } else {
      output = path.join(sandbox.root, 'output-is-a-folder');
      fs.mkdirSync(output);
      why = 'it is a folder';
    }
    const before = await snapshot(world());
    const message = onlyError(await release(checkout.dir, { GITHUB_OUTPUT: output }));
    expect(message).toBe(
      `GITHUB_OUTPUT (${output}) cannot be written: ${why}. Nothing was changed. The runner creates this file for each step: check that no earlier step removed, replaced or re-mounted it (under act, that GITHUB_OUTPUT points to a writable file).`,
    );
    expect(await snapshot(world())).toEqual(before);
    expect(double.state.releases(p.fullName).map((r) => r.tagName)).toEqual(['4.3.4']);

    const healthy = await release(checkout.dir);
    expect(healthy.exitCode).toBe(0);
    expect(healthy.outputs.operation).toBe('created');
    expect((await sandbox.refs(p.remote))['refs/tags/4.3.5']).toBeDefined();
    expect(
      double.state
        .releases(p.fullName)
        .map((r) => r.tagName)
        .sort(),
    ).toEqual(['4.3.4', '4.3.5']);
  });

  test('a full disk under the checkout: a named error before the tag', async () => {
    needsMounts();
    if (probe.reason) return;
    const q = await githubProject(sandbox, double, 'Exegol-full-disk', {
      kind: 'wrapper',
      previous: '4.3.4',
      betas: ['4.3.5b1'],
      released: '4.3.5',
      owner: 'ThePorgs',
    });
    const m = tmpfs('full', '8m') as { dir: string };
    const dir = path.join(m.dir, 'checkout');
    const clone = spawnSync('git', ['clone', '-q', '--branch', q.releaseBranch, sandbox.url(q.remote), dir], {
      env: { ...process.env, ...sandbox.env() },
      encoding: 'utf8',
    });
    expect(clone.stderr).toBe('');
    // Fill what is left, as a build's output or a Docker layer cache would.
    const fill = spawnSync('dd', ['if=/dev/zero', `of=${path.join(m.dir, 'filler')}`, 'bs=64k'], { encoding: 'utf8' });
    expect(fill.stderr).toContain('No space left on device');
    const worldQ = { repos: [q.remote], env: sandbox.env(), double, apiRepos: [q.fullName] };
    const before = await snapshot(worldQ);
    const run = await runAction({
      action: 'create-release',
      workspace: dir,
      ref: `refs/heads/${q.releaseBranch}`,
      sha: q.mergeSha,
      repository: q.fullName,
      apiUrl: double.url,
      token: TOKEN,
      env: sandbox.env(),
    });
    const message = onlyError(run);
    // Whether tmpfs still finds room for the probe folder or not, the full disk is what is named.
    expect(
      [
        `Input "working-directory": ${dir} cannot be written (the disk is full)`,
        `Input "working-directory": only 0 bytes free on the disk of ${dir}`,
      ].some((start) => message.startsWith(start)),
    ).toBe(true);
    expect(message).toContain('Nothing was changed.');
    expect(await snapshot(worldQ)).toEqual(before);
  });
});

test('export-tool-list: a job summary that cannot be written stops it before the push; a healthy re-run pushes', async () => {
  const { remote: docsRemote } = await docs(sandbox, 'Exegol-docs');
  const ws = await sandbox.repo('images');
  await ws.commit('list', {
    files: { 'tools/installed_tools.csv': fixture('exegol-docs/installed_tools/lists/light_3.1.17_amd64.csv') },
  });
  fs.appendFileSync(path.join(ws.dir, '.git/info/exclude'), 'docs/\n');
  await sandbox.checkout(docsRemote, 'refs/heads/dev', { name: 'images/docs' });
  const options = (env: Record<string, string>): RunActionOptions => ({
    action: 'export-tool-list',
    workspace: ws.dir,
    ref: 'refs/heads/main',
    repository: 'ThePorgs/Exegol-images',
    apiUrl: double.url,
    env: { ...sandbox.env(), ...env },
    inputs: {
      'tools-csv': 'tools/installed_tools.csv',
      'docs-path': 'docs',
      channel: 'release',
      profile: 'light',
      version: '3.1.18',
      arch: 'amd64',
      'build-date': '2026-07-01T10:00:00Z',
    },
  });
  const summary = path.join(sandbox.root, 'no-such-folder', 'summary.md');
  const before = await sandbox.refs(docsRemote);
  const message = onlyError(await runAction(options({ GITHUB_STEP_SUMMARY: summary })));
  expect(message).toMatch(
    /^GITHUB_STEP_SUMMARY \(.*summary\.md\) cannot be written: its folder does not exist\. Nothing was changed\./,
  );
  expect(await sandbox.refs(docsRemote)).toEqual(before);

  const healthy = await runAction(options({}));
  expect(healthy.exitCode).toBe(0);
  expect(healthy.outputs.operation).toBe('pushed');
  expect((await sandbox.refs(docsRemote))['refs/heads/dev']).not.toBe(before['refs/heads/dev']);
});

test('bump-next-beta: a read-only checkout is named before anything is fetched or written', async () => {
  needsMounts();
  if (probe.reason) return;
  const p = await githubProject(sandbox, double, 'Exegol-read-only', {
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1'],
    released: '4.3.5',
    owner: 'ThePorgs',
  });
  const m = tmpfs('read-only', '16m') as { dir: string };
  const dir = path.join(m.dir, 'checkout');
  const clone = spawnSync('git', ['clone', '-q', '--branch', p.devBranch, sandbox.url(p.remote), dir], {
    env: { ...process.env, ...sandbox.env() },
    encoding: 'utf8',
  });
  expect(clone.stderr).toBe('');
  readOnly(m.dir);
  const before = await sandbox.refs(p.remote);
  const run = await runAction({
    action: 'bump-next-beta',
    workspace: dir,
    ref: 'refs/tags/4.3.5',
    repository: p.fullName,
    apiUrl: double.url,
    token: TOKEN,
    env: sandbox.env(),
  });
  expect(onlyError(run)).toBe(
    `Input "working-directory": ${dir} cannot be written (it is on a read-only file system), and the action writes the version files and a commit there. Check out into a writable folder (the default workspace is), or point the input at one. Nothing was changed.`,
  );
  expect(await sandbox.refs(p.remote)).toEqual(before);
});
