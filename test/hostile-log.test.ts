// Hostile text through every log path: names and text an action reads from files, git, the API
// and other programs carry workflow commands (`::warning::`, `::error::` after spaces, the old
// `##[warning]`, a command after a lone \r, which the runner also reads as a line break). Each
// action runs to its end on them; the log must hold no command but those the action issues
// itself, and the job summary's tables must keep their shape.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox } from '@exegol-actions/testkit/git';
import { runAction, type ActionRun } from '@exegol-actions/testkit/runner';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { docsRemote as docs, githubProject, wrapperTree } from '@exegol-actions/testkit/fixtures';
import {
  dockerEnvironment,
  dockerTestsMustRun,
  imageProject,
  skipBanner,
  uniqueRepository,
} from '@exegol-actions/testkit/docker';

const TOKEN = 'ghs_hostilelogtoken00000001';
/** One hostile text with every way to start a command; each command's data begins with PWNED. */
const COMMANDS = [
  '::warning::PWNED-plain',
  '   ::error::PWNED-indented',
  '##[warning]PWNED-v1',
  'x\r::notice::PWNED-cr',
  '::add-mask::PWNED-mask',
  '::stop-commands::PWNED-stop',
].join('\n');

let sandbox: GitSandbox;
let double: GitHubDouble;
beforeAll(async () => {
  sandbox = await GitSandbox.create('hostile-log-');
  double = await startGitHubDouble({ tokens: { [TOKEN]: {} } });
});
afterAll(async () => {
  await double.stop();
  sandbox.cleanup();
});

/** Every command the runner would run from this output, split the way it splits lines. */
function commandLines(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((l) => /^\s*::/.test(l) || l.includes('##['));
}

/** No command came from the hostile text: none carries PWNED where a command's data starts. */
function expectNoInjectedCommand(run: ActionRun): void {
  const injected = commandLines(run.stdout).filter((l) => /^\s*::[^:]*::PWNED|##\[[a-z-]+[^\]]*\]PWNED/.test(l));
  if (injected.length) console.log(run.stdout);
  expect(injected).toEqual([]);
  expect(run.annotations.filter((a) => a.message.startsWith('PWNED'))).toEqual([]);
  expect(run.masks.filter((m) => m.startsWith('PWNED'))).toEqual([]);
  // The hostile text did reach the log, defused: the test would prove nothing otherwise.
  expect(run.stdout).toContain('PWNED');
}

/** Every table row of the summary has as many cells as its header. */
function expectTablesIntact(summary: string): void {
  const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
  let width = 0;
  for (const line of summary.split('\n')) {
    if (!line.startsWith('|')) {
      width = 0;
      continue;
    }
    if (width === 0) width = cells(line);
    else expect([line, cells(line)]).toEqual([line, width]);
  }
}

test('create-release (dry run): asset names, the body file, the name and the tag message', async () => {
  const p = await githubProject(sandbox, double, 'Exegol', {
    kind: 'wrapper',
    previous: '4.3.4',
    betas: ['4.3.5b1'],
    released: '4.3.5',
    owner: 'ThePorgs',
  });
  const checkout = await sandbox.checkout(p.remote, `refs/heads/${p.releaseBranch}`);
  fs.mkdirSync(path.join(checkout.dir, 'dist'));
  fs.writeFileSync(path.join(checkout.dir, 'dist', 'a\n::warning::PWNED-asset.txt'), 'asset');
  fs.writeFileSync(path.join(checkout.dir, 'dist', 'b|`pipe`.txt'), 'asset');
  fs.writeFileSync(path.join(checkout.dir, 'NOTES.md'), `Highlights\n${COMMANDS}\n</details>\n`);
  const run = await runAction({
    action: 'create-release',
    workspace: checkout.dir,
    ref: `refs/heads/${p.releaseBranch}`,
    sha: p.mergeSha,
    repository: p.fullName,
    apiUrl: double.url,
    token: TOKEN,
    env: sandbox.env(),
    inputs: {
      assets: 'dist/*',
      'body-file': 'NOTES.md',
      'dry-run': 'true',
      name: 'Exegol {version}\n::warning::PWNED-name',
      'tag-message': '{version}\n::warning::PWNED-message',
    },
  });
  expect(run.exitCode).toBe(0);
  expectNoInjectedCommand(run);
  expect(run.stdout).toContain('asset:      a\\n::warning::PWNED-asset.txt (uploaded)');
  expectTablesIntact(run.summary);
  // The body is shown as code: its </details> cannot close the summary's fold.
  expect(run.summary).toMatch(/\n```markdown\n[^`]*\n<\/details>\n[^`]*\n```\n\n<\/details>/);
});

test('export-tool-list (dry run): a list file name, tool names, a multi-line field and dropped rows', async () => {
  const { remote: docsRemote } = await docs(sandbox, 'Exegol-docs');
  const ws = await sandbox.repo('images');
  const list = [
    'Tool,Link,Description',
    '"::warning::PWNED-tool",https://example.com/a,A tool named like a command',
    'nmap,https://nmap.org,"Port scanner',
    '::error::PWNED-field"',
    '`tick`|pipe,https://example.com/b,Backticks and a pipe',
    '"x\n::warning::PWNED-dropped",javascript:alert(1),Dropped: its link is not a web URL',
  ].join('\n');
  fs.mkdirSync(path.join(ws.dir, 'tools'));
  const name = 'tools/list\n::warning::PWNED-file.csv';
  fs.writeFileSync(path.join(ws.dir, name), `${list}\n`);
  fs.appendFileSync(path.join(ws.dir, '.git/info/exclude'), 'docs/\ntools/\n');
  await sandbox.checkout(docsRemote, 'refs/heads/dev', { name: 'images/docs' });
  const run = await runAction({
    action: 'export-tool-list',
    workspace: ws.dir,
    ref: 'refs/heads/main',
    repository: 'ThePorgs/Exegol-images',
    apiUrl: double.url,
    env: sandbox.env(),
    inputs: {
      'tools-csv': name,
      'docs-path': 'docs',
      channel: 'release',
      profile: 'light',
      version: '3.1.18',
      arch: 'amd64',
      'build-date': '2026-07-01T10:00:00Z',
      'invalid-rows': 'drop',
      'dry-run': 'true',
    },
  });
  expect(run.exitCode).toBe(0);
  expectNoInjectedCommand(run);
  expect(run.stdout).toMatch(/Read \d+ bytes from tools\/list\\n::warning::PWNED-file\.csv/);
  expectTablesIntact(run.summary);
});

describe('a wrapper repository with hostile text in its files, its pull request and its submodules', () => {
  let p: Awaited<ReturnType<typeof githubProject>>;
  beforeAll(async () => {
    p = await githubProject(sandbox, double, 'Exegol-wrapper', {
      kind: 'wrapper',
      previous: '4.3.4',
      betas: ['4.3.5b1'],
      released: '4.3.5',
      owner: 'ThePorgs',
    });
  });

  test('verify-version: a version file and a pull request title that hold commands', async () => {
    const checkout = await sandbox.checkout(p.remote, `refs/heads/${p.releaseBranch}`);
    fs.writeFileSync(path.join(checkout.dir, 'VERSION'), `4.3.5\n${COMMANDS}\n`);
    const run = await runAction({
      action: 'verify-version',
      workspace: checkout.dir,
      ref: `refs/heads/${p.releaseBranch}`,
      repository: p.fullName,
      apiUrl: double.url,
      token: TOKEN,
      env: sandbox.env(),
      event: {
        name: 'pull_request',
        action: 'opened',
        payload: {
          number: 7,
          pull_request: {
            number: 7,
            title: `Release 4.3.5\n${COMMANDS}`,
            draft: false,
            base: { ref: 'master' },
            head: { ref: 'dev' },
          },
        },
      },
      // A pattern that takes the whole file: the value read is the hostile text itself.
      inputs: {
        rules: '- name: "VERSION\\n::warning::PWNED-rule"\n  file: VERSION\n  pattern: "\\\\A([\\\\s\\\\S]+)\\\\z"',
        'compare-previous': 'false',
      },
    });
    expect(run.exitCode).toBe(1); // the version is not a version: a failed check, reported, not injected
    expectNoInjectedCommand(run);
    expectTablesIntact(run.summary);
  });

  test('bump-next-beta (dry run): a version file name, a commit message and a pull request title with commands', async () => {
    const checkout = await sandbox.checkout(p.remote, `refs/heads/${p.devBranch}`);
    fs.writeFileSync(path.join(checkout.dir, 'hostile\n::warning::PWNED-file.py'), 'version = "4.3.5"\n');
    const run = await runAction({
      action: 'bump-next-beta',
      workspace: checkout.dir,
      ref: 'refs/tags/4.3.5',
      repository: p.fullName,
      apiUrl: double.url,
      token: TOKEN,
      env: sandbox.env(),
      inputs: {
        'dry-run': 'true',
        rules: `- file: "hostile\\n::warning::PWNED-file.py"\n  pattern: '^version = "(.+)"$'`,
        'commit-message': `Bump to {version}\n${COMMANDS}`,
        'pull-request-title': `Bump\n${COMMANDS}`,
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('hostile\\n::warning::PWNED-file.py:1 4.3.5 → 4.3.6b1');
    expectNoInjectedCommand(run);
    expectTablesIntact(run.summary);
  });

  test('sync-submodules (check): a .gitmodules path holding a command', async () => {
    const images = await sandbox.bare('Exegol-images-hostile');
    const imagesDev = await sandbox.repo('images-dev-hostile', images);
    await imagesDev.commit('images', { files: { Dockerfile: 'FROM scratch\n' } });
    await imagesDev.pushAll();
    const super_ = await sandbox.bare('Exegol-super-hostile');
    const dev = await sandbox.repo('super-dev-hostile', super_);
    await dev.commit('wrapper', { files: wrapperTree({ version: '5.1.4' }) });
    await dev.addSubmodule(sandbox.url(images), 'exegol-images', 'main');
    fs.appendFileSync(
      path.join(dev.dir, '.gitmodules'),
      '[submodule "evil"]\n\tpath = "evil\\n::warning::PWNED-gitmodules"\n\turl = https://example.invalid/evil\n',
    );
    await dev.commit('submodules');
    await dev.pushAll();
    await imagesDev.commit('moved on', { files: { Dockerfile: 'FROM scratch\nLABEL v=2\n' } });
    await imagesDev.pushAll();
    const checkout = await sandbox.checkout(super_, 'refs/heads/main', { name: 'super-hostile-checkout' });
    const run = await runAction({
      action: 'sync-submodules',
      workspace: checkout.dir,
      env: sandbox.env(),
      inputs: { mode: 'check', 'on-behind': 'warn' },
    });
    expect(run.exitCode).toBe(0);
    expectNoInjectedCommand(run);
    expectTablesIntact(run.summary);
  });
});

const docker = dockerEnvironment();
const dockerTest = docker.ok || dockerTestsMustRun() ? test : test.skip;
if (!docker.ok && !dockerTestsMustRun()) console.warn(skipBanner(docker.reason ?? 'unknown reason'));

dockerTest(
  'multi-arch-image-build: test commands and their output that hold commands',
  async () => {
    if (!docker.ok) throw new Error(`needs the Docker engine (CI=true): ${docker.reason}`);
    const project = await sandbox.repo('hostile-image');
    const ns = uniqueRepository('hostile-log');
    imageProject(project.dir, {
      tests: [
        'echo "::warning::PWNED-output"',
        "printf 'ok\\n  ::error::PWNED-printf\\n'",
        'true # ::warning::PWNED-comment',
      ],
      marker: ns,
    });
    await project.commit('image');
    const run = await runAction({
      action: 'multi-arch-image-build',
      workspace: project.dir,
      ref: 'refs/heads/main',
      sha: 'ad8a5c77'.repeat(5),
      repository: 'ThePorgs/Exegol-images',
      env: sandbox.env(),
      timeoutMs: 300_000,
      inputs: {
        step: 'build',
        image: `${docker.registry}/${ns}/hostile`,
        profile: 'full',
        version: '1.0.0',
        platform: 'linux/amd64',
        'build-args': 'ARCH=amd64',
        'test-shell': 'sh',
        push: 'false',
        'min-free-space': '1MB',
        'build-date': '2026-11-25T00:00:00Z',
      },
    });
    expect(run.exitCode).toBe(0);
    expectNoInjectedCommand(run);
    expectTablesIntact(run.summary);
  },
  300_000,
);
