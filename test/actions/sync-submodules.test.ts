// sync-submodules end to end: the committed bundle, run as a runner runs it, on a look-alike
// wrapper superproject whose submodule remotes move ahead (one on a non-default branch, one with a
// submodule of its own, one at a deep path following its remote's default branch).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox, type TestRepo } from '@exegol-actions/testkit/git';
import { startGitHubDouble, type GitHubDouble } from '@exegol-actions/testkit/github-double';
import { runAction, type ActionRun, type RunActionOptions } from '@exegol-actions/testkit/runner';
import { RESOURCES_MONTHLY, resourcesRemote, wrapperTree } from '@exegol-actions/testkit/fixtures';
import { silentTcpServer } from '@exegol-actions/testkit/stall';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('sync-submodules-');
});
afterAll(() => sandbox.cleanup());

interface World {
  wrapper: string;
  images: string;
  resources: string;
  tool: string;
  docs: string;
  wrapperDev: TestRepo;
  imagesDev: TestRepo;
  resourcesDev: TestRepo;
  toolDev: TestRepo;
}

/** Remotes for the wrapper and its submodules, everything recorded at the submodules' tips. */
async function world(name: string): Promise<World> {
  const tool = await sandbox.bare(`${name}/tool`);
  const toolDev = await sandbox.repo(`${name}/tool-dev`, tool);
  await toolDev.commit('tool 1', { files: { 'tool.sh': 'v1\n' } });
  await toolDev.pushAll();

  const images = await sandbox.bare(`${name}/Exegol-images`);
  const imagesDev = await sandbox.repo(`${name}/images-dev`, images);
  await imagesDev.commit('images', { files: { Dockerfile: 'FROM scratch\n' } });
  await imagesDev.tag('3.1.5', { message: 'Release 3.1.5' });
  await imagesDev.pushAll();

  // Exegol-resources follows dev here; it has a third-party submodule of its own.
  const resources = await sandbox.bare(`${name}/Exegol-resources`);
  const resourcesDev = await sandbox.repo(`${name}/resources-dev`, resources);
  await resourcesDev.commit('resources', { files: { 'resources_list.csv': 'Resource,Link,Description\n' } });
  await resourcesDev.addSubmodule(sandbox.url(tool), 'sources/tool');
  await resourcesDev.commit('add tool');
  await resourcesDev.branch('dev');
  await resourcesDev.pushAll();
  await resourcesDev.switch('dev');

  const docs = await sandbox.bare(`${name}/docs`);
  const docsDev = await sandbox.repo(`${name}/docs-dev`, docs);
  await docsDev.commit('docs', { files: { 'index.md': '# docs\n' } });
  await docsDev.pushAll();

  const wrapper = await sandbox.bare(`${name}/Exegol`);
  const wrapperDev = await sandbox.repo(`${name}/wrapper-dev`, wrapper);
  await wrapperDev.commit('wrapper', { files: wrapperTree({ version: '5.1.4' }) });
  await wrapperDev.addSubmodule(sandbox.url(images), 'exegol-images', 'main');
  await wrapperDev.addSubmodule(sandbox.url(resources), 'exegol-resources', 'dev');
  await wrapperDev.addSubmodule(sandbox.url(docs), 'vendor/docs/site');
  await wrapperDev.commit('submodules');
  await wrapperDev.pushAll();
  return { wrapper, images, resources, tool, docs, wrapperDev, imagesDev, resourcesDev, toolDev };
}

/** A month later: images has two commits and a tag, resources' dev moved its tool, the tool moved on. */
async function moveAhead(
  w: World,
): Promise<{ images: string; resources: string; toolInResources: string; tool: string }> {
  await w.imagesDev.commit('add a tool', { files: { 'sources/install.sh': 'echo 1\n' } });
  const images = await w.imagesDev.commit('Release 3.1.6', { files: { Dockerfile: 'FROM scratch\nLABEL v=3.1.6\n' } });
  await w.imagesDev.tag('3.1.6', { message: 'Release 3.1.6' });
  await w.imagesDev.pushAll();
  await w.toolDev.commit('tool 2', { files: { 'tool.sh': 'v2\n' } });
  const toolInResources = await w.toolDev.commit('tool 3', { files: { 'tool.sh': 'v3\n' } });
  await w.toolDev.pushAll();
  const inResources = sandbox.git(path.join(w.resourcesDev.dir, 'sources/tool'));
  await inResources.raw(['fetch', '--quiet', 'origin']);
  await inResources.raw(['checkout', '--quiet', toolInResources]);
  const resources = await w.resourcesDev.commit('updating resources');
  await w.resourcesDev.pushAll();
  const tool = await w.toolDev.commit('tool 4', { files: { 'tool.sh': 'v4\n' } });
  await w.toolDev.pushAll();
  return { images, resources, toolInResources, tool };
}

async function head(bare: string, branch = 'main'): Promise<string> {
  return (await sandbox.refs(bare))[`refs/heads/${branch}`]!;
}

function sync(checkout: TestRepo, extra: Partial<RunActionOptions> = {}): Promise<ActionRun> {
  return runAction({ action: 'sync-submodules', workspace: checkout.dir, env: sandbox.env(), ...extra });
}

function submodules(
  run: ActionRun,
): Record<
  string,
  { from: string; to: string; branch: string; behind: number; tag: string | null; parent: string | null }
> {
  return Object.fromEntries(
    (JSON.parse(run.outputs.submodules ?? '[]') as { path: string }[]).map((s) => [s.path, s]),
  ) as never;
}

describe('update', () => {
  let w: World;
  let before: string;
  let moved: Awaited<ReturnType<typeof moveAhead>>;
  let checkout: TestRepo;
  let first: ActionRun;
  beforeAll(async () => {
    w = await world('update');
    before = await head(w.wrapper);
    moved = await moveAhead(w);
    checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'update/checkout' });
    first = await sync(checkout, { inputs: { recursive: true } });
  });

  test('one commit with the new gitlinks, pushed to the branch', async () => {
    expect(first.stderr).toBe('');
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);
    const after = await head(w.wrapper);
    const git = sandbox.git(w.wrapper);
    expect(await git.lines(['rev-list', `${before}..${after}`])).toHaveLength(1);
    expect(await git.out(['rev-parse', `${after}^`])).toBe(before);
    expect(await git.gitlinks(after)).toEqual(
      new Map([
        ['exegol-images', moved.images],
        ['exegol-resources', moved.resources],
        ['vendor/docs/site', await head(w.docs)],
      ]),
    );
    const imagesFrom = (await sandbox.git(w.wrapper).gitlinks(before)).get('exegol-images')!;
    const resourcesFrom = (await sandbox.git(w.wrapper).gitlinks(before)).get('exegol-resources')!;
    expect(await git.out(['log', '-1', '--format=%an <%ae>%n%B', after])).toBe(
      [
        'Github Actions <actions@github.com>',
        'Update submodules',
        '',
        `- exegol-images: ${imagesFrom.slice(0, 7)}..${moved.images.slice(0, 7)} (main, 2 commits, 3.1.6)`,
        `- exegol-resources: ${resourcesFrom.slice(0, 7)}..${moved.resources.slice(0, 7)} (dev, 1 commit)`,
      ].join('\n'),
    );
    expect(first.outputs).toMatchObject({ changed: 'true', operation: 'pushed', 'commit-sha': after, behind: '3' });
  });

  test('outputs and summary list every submodule, the nested one with how far behind its branch it is', () => {
    const subs = submodules(first);
    expect(Object.keys(subs)).toEqual([
      'exegol-images',
      'exegol-resources',
      'vendor/docs/site',
      'exegol-resources/sources/tool',
    ]);
    expect(subs['exegol-images']).toMatchObject({
      to: moved.images,
      branch: 'main',
      behind: 2,
      tag: '3.1.6',
      parent: null,
    });
    expect(subs['exegol-resources']).toMatchObject({ to: moved.resources, branch: 'dev', behind: 1, parent: null });
    expect(subs['vendor/docs/site']).toMatchObject({ branch: 'main', behind: 0 });
    // Resources' new commit moved its tool by two; the tool has one more since.
    expect(subs['exegol-resources/sources/tool']).toMatchObject({
      to: moved.toolInResources,
      branch: 'main',
      behind: 3,
      parent: 'exegol-resources',
    });
    expect(first.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        file: 'exegol-resources/.gitmodules',
        line: 1,
        message: expect.stringContaining('1 commit(s) behind main'),
      }),
    ]);
    expect(first.summary).toContain('| Submodule | Branch | From | To | Behind | Tag |');
    expect(first.summary).toContain(`| \`exegol-images\` | \`main\` |`);
    expect(first.summary).toContain('3.1.6');
  });

  test('the work tree holds the new commits, nested ones included, and is clean', async () => {
    expect(await checkout.git.changedFiles()).toEqual([]);
    expect(await sandbox.git(path.join(checkout.dir, 'exegol-images')).head()).toBe(moved.images);
    expect(await sandbox.git(path.join(checkout.dir, 'exegol-resources/sources/tool')).head()).toBe(
      moved.toolInResources,
    );
    expect(checkout.read('exegol-resources/sources/tool/tool.sh')).toBe('v3\n');
  });

  test('a re-run, in the same checkout or a fresh one, is a no-op', async () => {
    const after = await head(w.wrapper);
    const again = await sync(checkout, { inputs: { recursive: true } });
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false', operation: 'unchanged', 'commit-sha': '', behind: '0' });
    const fresh = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'update/fresh' });
    const third = await sync(fresh);
    expect(third.outputs).toMatchObject({ changed: 'false', operation: 'unchanged' });
    expect(await head(w.wrapper)).toBe(after);
  });
});

describe('check', () => {
  let w: World;
  let checkout: TestRepo;
  beforeAll(async () => {
    w = await world('check');
    await moveAhead(w);
    checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'check/checkout' });
  });

  test('fails listing each submodule behind, at its .gitmodules entry, and changes nothing', async () => {
    const refs = await sandbox.refs(w.wrapper);
    const local = await checkout.git.refs();
    const run = await sync(checkout, { inputs: { mode: 'check', recursive: true } });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file: '.gitmodules',
        line: 4,
        message:
          '2 commit(s) behind main (' +
          (await checkout.git.gitlinks()).get('exegol-images')!.slice(0, 7) +
          `, tip ${(await head(w.images)).slice(0, 7)})`,
      }),
      expect.objectContaining({
        file: '.gitmodules',
        line: 8,
        message: expect.stringMatching(/^1 commit\(s\) behind dev /),
      }),
    ]);
    // The nested tool is resources' to move: a warning, never a failure of this repository.
    expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([
      expect.objectContaining({
        file: 'exegol-resources/.gitmodules',
        line: 1,
        message: expect.stringContaining('1 commit(s) behind main'),
      }),
    ]);
    expect(run.outputs).toMatchObject({ changed: 'true', operation: 'behind', behind: '3' });
    expect(submodules(run)['exegol-images']).toMatchObject({ behind: 2, to: await head(w.images), tag: '3.1.6' });
    expect(run.summary).toContain('❌');
    expect(await sandbox.refs(w.wrapper)).toEqual(refs);
    expect(await checkout.git.refs()).toEqual(local);
    expect(await checkout.git.changedFiles()).toEqual([]);
  });

  test('a detached checkout (a pull request or tag run) is checked the same way', async () => {
    const detached = await sandbox.checkout(w.wrapper, await head(w.wrapper), { name: 'check/detached' });
    expect(await detached.git.currentBranch()).toBeNull();
    const run = await sync(detached, { inputs: { mode: 'check' } });
    expect(run.exitCode).toBe(1);
    expect(run.errors.map((e) => e.line)).toEqual([4, 8]);
  });

  test('warns instead when asked; passes once updated', async () => {
    const warned = await sync(checkout, { inputs: { mode: 'check', 'on-behind': 'warn', paths: 'exegol-images' } });
    expect(warned.exitCode).toBe(0);
    expect(warned.errors).toEqual([]);
    expect(warned.annotations).toEqual([expect.objectContaining({ level: 'warning', file: '.gitmodules', line: 4 })]);
    expect(Object.keys(submodules(warned))).toEqual(['exegol-images']);

    const updater = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'check/updater' });
    expect((await sync(updater)).outputs.operation).toBe('pushed');
    const later = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'check/later' });
    const passed = await sync(later, { inputs: { mode: 'check' } });
    expect(passed.exitCode).toBe(0);
    expect(passed.annotations).toEqual([]);
    expect(passed.outputs).toMatchObject({ changed: 'false', operation: 'unchanged', behind: '0' });
  });
});

describe('dry run and selection', () => {
  test('dry run says what it would commit and changes nothing', async () => {
    const w = await world('dry');
    await moveAhead(w);
    const checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'dry/checkout' });
    const refs = await sandbox.refs(w.wrapper);
    const local = await checkout.git.refs();
    const run = await sync(checkout, { inputs: { 'dry-run': true } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'true', operation: 'dry-run', 'commit-sha': '' });
    expect(run.summary).toContain('Would commit:');
    expect(run.summary).toContain('- exegol-images: ');
    expect(await sandbox.refs(w.wrapper)).toEqual(refs);
    expect(await checkout.git.refs()).toEqual(local);
    expect(await checkout.git.changedFiles()).toEqual([]);
  });

  test('act defaults to a dry run', async () => {
    const w = await world('act');
    await moveAhead(w);
    const checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'act/checkout' });
    const refs = await sandbox.refs(w.wrapper);
    const run = await sync(checkout, { env: { ...sandbox.env(), ACT: 'true' } });
    expect(run.outputs.operation).toBe('dry-run');
    expect(await sandbox.refs(w.wrapper)).toEqual(refs);
  });

  test('only the selected paths, on a branch given as input', async () => {
    const w = await world('select');
    const moved = await moveAhead(w);
    await w.resourcesDev.switch('main');
    const resourcesMain = await w.resourcesDev.commit('main only', { files: { 'main.txt': '1\n' } });
    await w.resourcesDev.pushAll();
    const before = await head(w.wrapper);
    const checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'select/checkout' });
    const run = await sync(checkout, {
      inputs: {
        paths: './exegol-resources/',
        'submodule-branch': 'exegol-resources=main',
        'commit-message': 'updating resources',
      },
    });
    expect(run.exitCode).toBe(0);
    const after = await head(w.wrapper);
    const links = await sandbox.git(w.wrapper).gitlinks(after);
    expect(links.get('exegol-resources')).toBe(resourcesMain);
    expect(links.get('exegol-images')).toBe((await sandbox.git(w.wrapper).gitlinks(before)).get('exegol-images'));
    expect(links.get('exegol-images')).not.toBe(moved.images);
    expect(await sandbox.git(w.wrapper).out(['log', '-1', '--format=%s', after])).toBe('updating resources');
  });
});

describe('a branch that moved while pushing', () => {
  test('fetch, rebase, push: one commit on top of the other', async () => {
    const w = await world('moved');
    await moveAhead(w);
    const checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'moved/checkout' });
    const other = await w.wrapperDev.commit('someone else', { files: { 'README.md': 'x\n' } });
    await w.wrapperDev.pushAll();
    const run = await sync(checkout);
    expect(run.exitCode).toBe(0);
    const after = await head(w.wrapper);
    expect(await sandbox.git(w.wrapper).out(['rev-parse', `${after}^`])).toBe(other);
    expect(run.outputs['commit-sha']).toBe(after);
    expect(run.stdout).toContain('after 1 rebase(s)');
  });

  test('someone moved the same submodule: stops cleanly, nothing pushed', async () => {
    const w = await world('clash');
    await moveAhead(w);
    const checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'clash/checkout' });
    // A commit on another branch: neither it nor the tip contains the other, so git cannot merge them.
    await w.imagesDev.branch('hotfix', '3.1.5');
    await w.imagesDev.switch('hotfix');
    await w.imagesDev.commit('hotfix', { files: { Dockerfile: 'FROM scratch\nLABEL hotfix=1\n' } });
    await w.imagesDev.pushAll();
    const images = sandbox.git(path.join(w.wrapperDev.dir, 'exegol-images'));
    await images.raw(['fetch', '--quiet', 'origin']);
    await images.raw(['checkout', '--quiet', 'origin/hotfix']);
    await w.wrapperDev.commit('bump images by hand');
    await w.wrapperDev.pushAll();
    const refs = await sandbox.refs(w.wrapper);
    const run = await sync(checkout);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toContain('Could not push to main');
    expect(run.errors[0]!.message).toContain('Nothing was pushed');
    expect(await sandbox.refs(w.wrapper)).toEqual(refs);
  });
});

describe('bad input and faults: one error, nothing committed or pushed', () => {
  let w: World;
  beforeAll(async () => {
    w = await world('bad');
    await moveAhead(w);
  });

  async function refused(
    inputs: RunActionOptions['inputs'],
    setup?: (c: TestRepo) => void | Promise<void>,
  ): Promise<ActionRun> {
    const checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', {
      name: `bad/${Math.random().toString(36).slice(2, 8)}`,
    });
    if (setup) await setup(checkout);
    const refs = await sandbox.refs(w.wrapper);
    const local = await checkout.git.refs();
    const run = await sync(checkout, { inputs });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(await sandbox.refs(w.wrapper)).toEqual(refs);
    expect(await checkout.git.refs()).toEqual(local);
    return run;
  }

  test('a path that is not a submodule', async () => {
    const run = await refused({ paths: 'exegol-images\nexegol' });
    expect(run.errors[0]!.message).toBe(
      'Input "paths": "exegol" is not a submodule (the submodules are: exegol-images, exegol-resources, vendor/docs/site). Give submodule paths as .gitmodules lists them.',
    );
  });

  test('a branch that does not exist upstream, named in the input', async () => {
    const run = await refused({ 'submodule-branch': 'exegol-images=release' });
    expect(run.errors[0]!.message).toMatch(
      /^Input "submodule-branch": submodule "exegol-images": .*Exegol-images\.git has no branch "release"/,
    );
  });

  test('a branch that does not exist upstream, from .gitmodules: at its line', async () => {
    const run = await refused({}, async (c) => {
      await c.git.raw(['config', '--file', '.gitmodules', 'submodule.exegol-resources.branch', 'gone']);
      await c.git.commit('follow gone', { name: 't', email: 't@example.invalid' }, ['.gitmodules']);
    });
    expect(run.errors[0]).toMatchObject({ file: '.gitmodules', line: 8 });
    expect(run.errors[0]!.message).toContain('follows branch "gone" (.gitmodules)');
  });

  test('an unreachable submodule URL', async () => {
    const run = await refused({}, async (c) => {
      await c.git.raw([
        'config',
        '--file',
        '.gitmodules',
        'submodule.vendor/docs/site.url',
        sandbox.url(path.join(sandbox.root, 'remotes', 'missing.git')),
      ]);
      await c.git.commit('moved docs', { name: 't', email: 't@example.invalid' }, ['.gitmodules']);
    });
    expect(run.errors[0]!.message).toMatch(
      /^Submodule "vendor\/docs\/site": cannot reach file:\/\/.*missing\.git: .*fetch-token/s,
    );
    expect(run.errors[0]).toMatchObject({ file: '.gitmodules', line: 11 });
  });

  test('a submodule URL on a server that accepts and never answers (issue 15): stops after the limit, naming the submodule, the host and network-timeout', async () => {
    const silent = await silentTcpServer();
    try {
      const started = performance.now();
      const run = await refused({ 'network-timeout': '2' }, async (c) => {
        await c.git.raw([
          'config',
          '--file',
          '.gitmodules',
          'submodule.vendor/docs/site.url',
          `${silent.url}/ThePorgs/docs.git`,
        ]);
        await c.git.commit('docs on a stalling server', { name: 't', email: 't@example.invalid' }, ['.gitmodules']);
      });
      expect((performance.now() - started) / 1000).toBeLessThan(20);
      expect(run.errors[0]!.message).toContain(
        `Submodule "vendor/docs/site" (http://${silent.host}/ThePorgs/docs.git): git ls-remote with ${silent.host} stopped: nothing came for 2 s, the stall limit (input "network-timeout")`,
      );
      expect(run.errors[0]!.message).not.toContain('fetch-token');
      expect(run.errors[0]).toMatchObject({ file: '.gitmodules', line: 11 });
      expect(silent.requests).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });

  test('a dirty work tree', async () => {
    const run = await refused({}, (c) => {
      c.write({ 'exegol/config/ConstantConfig.py': 'changed\n' });
    });
    expect(run.errors[0]!.message).toContain('uncommitted changes (exegol/config/ConstantConfig.py)');
  });

  test('a detached head where a branch is needed', async () => {
    const run = await refused({}, async (c) => {
      await c.git.checkout('HEAD');
    });
    expect(run.errors[0]!.message).toMatch(/^Input "branch": HEAD is detached at [0-9a-f]{7} and no branch is named/);
  });

  test.each([
    [{ mode: 'sync' }, 'mode', 'Use one of: update, pull-request, check, fork'],
    [
      { mode: 'pull-request', 'github-token': 'ghs_x', 'pull-request-title': 'Update {month}' },
      'pull-request-title',
      'unknown placeholder {month}',
    ],
    [
      { mode: 'pull-request', 'pull-request-branch': 'update {date}' },
      'pull-request-branch',
      'not a valid branch name',
    ],
    [{ mode: 'pull-request', 'github-token': '' }, 'github-token', 'pull-request mode needs it'],
    [
      { mode: 'fork', upstream: 'ThePorgs/Exegol', 'fork-method': 'github' },
      'fork-method',
      'Use one of: auto, api, git',
    ],
    [{ 'submodule-branch': 'main\ndev' }, 'submodule-branch', 'mixes a branch for all'],
    [{ 'submodule-branch': 'exegol-images=bad..name' }, 'submodule-branch', 'not a valid branch name'],
    [{ 'submodule-branch': 'nowhere=main' }, 'submodule-branch', '"nowhere" is not one of the selected submodules'],
    [{ author: 'bot' }, 'author', 'is not "Name <email>"'],
    [{ 'commit-message': 'two\nlines' }, 'commit-message', 'spans several lines'],
    [{ 'push-attempts': '0' }, 'push-attempts', 'at least 1'],
    [{ 'fetch-ssh-key': 'not a key' }, 'fetch-ssh-key', 'is not a private key'],
    [{ mode: 'fork' }, 'upstream', 'is required in fork mode'],
    [{ mode: 'fork', upstream: 'not a repo' }, 'upstream', 'neither owner/name nor a clone URL'],
    [{ 'working-directory': '../elsewhere' }, 'working-directory', 'outside the workspace'],
  ])('%j', async (inputs, input, text) => {
    const run = await refused(inputs);
    expect(run.errors[0]!.message).toMatch(new RegExp(`^Input "${input}"`));
    expect(run.errors[0]!.message).toContain(text);
  });
});

describe('private submodules', () => {
  test('a token reaches the submodule server for the fetch only, never a config file or the log', async () => {
    const token = 'ghp_privatesubmoduletoken0123456789';
    const w = await world('private');
    const server = await sandbox.serveHttp({ token });
    try {
      // The wrapper's resources submodule now lives on a server that wants the token.
      await w.wrapperDev.git.raw([
        'config',
        '--file',
        '.gitmodules',
        'submodule.exegol-resources.url',
        server.url(w.resources),
      ]);
      await w.wrapperDev.commit('resources over https');
      await w.wrapperDev.pushAll();
      const moved = await moveAhead(w);
      const checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'private/checkout' });
      // What actions/checkout persists: its own token, for the same server.
      await checkout.git.raw([
        'config',
        `http.${server.origin}/.extraheader`,
        `AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_checkout').toString('base64')}`,
      ]);
      const refs = await sandbox.refs(w.wrapper);

      const without = await sync(checkout, { serverUrl: server.origin });
      expect(without.exitCode).toBe(1);
      expect(without.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            /^Submodule "exegol-resources": cannot reach http:\/\/127\.0\.0\.1:\d+\/.*fetch-token/s,
          ),
        }),
      ]);
      expect(await sandbox.refs(w.wrapper)).toEqual(refs);

      const run = await sync(checkout, { serverUrl: server.origin, inputs: { 'fetch-token': token } });
      expect(run.errors).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect((await sandbox.git(w.wrapper).gitlinks(await head(w.wrapper))).get('exegol-resources')).toBe(
        moved.resources,
      );
      expect(server.requests.some((r) => r.authorized)).toBe(true);
      expect(server.requests.every((r) => r.authorizationHeaders <= 1)).toBe(true);
      expect(run.masks).toContain(token);
      expect(unmasked(run)).not.toContain(token);
      const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
      for (const file of walk(path.join(checkout.dir, '.git')).filter((f) => f.endsWith('config'))) {
        const text = fs.readFileSync(file, 'utf8');
        expect(text).not.toContain(token);
        expect(text).not.toContain(basic);
      }
    } finally {
      await server.close();
    }
  });

  test('an SSH key is used for the fetch through a key file that is gone afterwards', async () => {
    const w = await world('ssh');
    // A stand-in for ssh that records how it was called and serves the repository locally.
    const bin = path.join(sandbox.root, 'ssh-bin');
    const record = path.join(sandbox.root, 'ssh-calls.log');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(
      path.join(bin, 'ssh'),
      `#!/bin/sh\nkey=""\nwhile [ $# -gt 1 ]; do case "$1" in -i) key="$2"; shift 2;; -o) shift 2;; *) host="$1"; shift;; esac; done\n` +
        `printf '%s %s %s %s\\n' "$host" "$(stat -c %a "$key")" "$(head -1 "$key")" "$key" >> '${record}'\nexec sh -c "$1"\n`,
      { mode: 0o755 },
    );
    await w.wrapperDev.git.raw([
      'config',
      '--file',
      '.gitmodules',
      'submodule.exegol-images.url',
      `ssh://git@github.example${w.images}`,
    ]);
    await w.wrapperDev.commit('images over ssh');
    await w.wrapperDev.pushAll();
    const moved = await moveAhead(w);
    const checkout = await sandbox.checkout(w.wrapper, 'refs/heads/main', { name: 'ssh/checkout' });
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';
    const runnerTemp = path.join(sandbox.root, 'ssh-runner-temp');
    fs.mkdirSync(runnerTemp);
    const run = await sync(checkout, {
      inputs: { 'fetch-ssh-key': key, paths: 'exegol-images' },
      env: { ...sandbox.env(), PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: runnerTemp },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect((await sandbox.git(w.wrapper).gitlinks(await head(w.wrapper))).get('exegol-images')).toBe(moved.images);
    const calls = fs.readFileSync(record, 'utf8').trim().split('\n');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls)
      expect(call).toMatch(new RegExp(`^git@github\\.example 600 -----BEGIN OPENSSH PRIVATE KEY----- ${runnerTemp}/`));
    expect(fs.readdirSync(runnerTemp)).toEqual([]);
    expect(unmasked(run)).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ');
    expect(run.masks).toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ');
    for (const file of walk(path.join(checkout.dir, '.git')).filter((f) => f.endsWith('config'))) {
      expect(fs.readFileSync(file, 'utf8')).not.toMatch(/sshCommand|PRIVATE KEY/);
    }
  });
});

describe('fork', () => {
  /** An upstream repository, a fork of it with a contributor's branch, and upstream moving on. */
  async function forked(
    name: string,
  ): Promise<{ upstream: string; fork: string; upstreamDev: TestRepo; forkDev: TestRepo }> {
    const upstream = await sandbox.bare(`${name}/upstream`);
    const upstreamDev = await sandbox.repo(`${name}/upstream-dev`, upstream);
    await upstreamDev.commit('base', { files: { 'install.sh': 'base\n', 'README.md': 'readme\n' } });
    await upstreamDev.pushAll();
    const fork = await sandbox.bare(`${name}/fork`);
    const forkDev = await sandbox.repo(`${name}/fork-dev`, fork);
    await forkDev.git.raw(['pull', '--quiet', sandbox.url(upstream), 'main']);
    await forkDev.branch('new-tool');
    await forkDev.switch('new-tool');
    await forkDev.commit('add a tool', { files: { 'tools/new.sh': 'new\n' } });
    await forkDev.pushAll();
    return { upstream, fork, upstreamDev, forkDev };
  }

  test('merges upstream into the fork branch and pushes; a re-run is a no-op', async () => {
    const f = await forked('fork-merge');
    await f.upstreamDev.commit('upstream 1', { files: { 'install.sh': 'base\nmore\n' } });
    await f.upstreamDev.commit('upstream 2', { files: { 'docs.md': 'docs\n' } });
    await f.upstreamDev.pushAll();
    const before = await head(f.fork, 'new-tool');
    const checkout = await sandbox.checkout(f.fork, 'refs/heads/new-tool', { name: 'fork-merge/checkout' });
    const run = await sync(checkout, {
      inputs: { mode: 'fork', upstream: sandbox.url(f.upstream), 'upstream-branch': 'main' },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const after = await head(f.fork, 'new-tool');
    const git = sandbox.git(f.fork);
    expect(await git.out(['log', '-1', '--format=%an|%s|%P', after])).toBe(
      `Github Actions|Merge remote-tracking branch 'upstream/main' into new-tool|${before} ${await head(f.upstream)}`,
    );
    expect(run.outputs).toMatchObject({
      changed: 'true',
      operation: 'merged',
      method: 'git',
      behind: '2',
      'commit-sha': after,
    });
    expect(run.summary).toContain('| commits taken from upstream | `2` |');

    const again = await sync(checkout, {
      inputs: { mode: 'fork', upstream: sandbox.url(f.upstream), 'upstream-branch': 'main' },
    });
    expect(again.outputs).toMatchObject({ changed: 'false', operation: 'unchanged', behind: '0' });
    expect(await head(f.fork, 'new-tool')).toBe(after);
  });

  test('fast-forwards a branch with no commits of its own, named in the input from a detached checkout', async () => {
    const f = await forked('fork-ff');
    await f.forkDev.git.raw(['push', '--quiet', 'origin', `${await head(f.upstream)}:refs/heads/main`]);
    const tip = await f.upstreamDev.commit('upstream 1', { files: { 'install.sh': 'v2\n' } });
    await f.upstreamDev.pushAll();
    const checkout = await sandbox.checkout(f.fork, 'refs/heads/new-tool', { name: 'fork-ff/checkout' });
    await checkout.git.checkout('HEAD');
    const run = await sync(checkout, { inputs: { mode: 'fork', upstream: sandbox.url(f.upstream), branch: 'main' } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ operation: 'fast-forward', behind: '1' });
    expect(await head(f.fork, 'main')).toBe(tip);
  });

  test('a dry run says it would merge, and pushes nothing', async () => {
    const f = await forked('fork-dry');
    await f.upstreamDev.commit('upstream 1', { files: { 'docs.md': 'docs\n' } });
    await f.upstreamDev.pushAll();
    const checkout = await sandbox.checkout(f.fork, 'refs/heads/new-tool', { name: 'fork-dry/checkout' });
    const refs = await sandbox.refs(f.fork);
    const run = await sync(checkout, {
      inputs: { mode: 'fork', upstream: sandbox.url(f.upstream), 'upstream-branch': 'main', 'dry-run': true },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'true', operation: 'dry-run', behind: '1', 'commit-sha': '' });
    expect(run.stdout).toContain('Dry run: would merge 1 commit(s) of upstream/main into new-tool.');
    expect(await sandbox.refs(f.fork)).toEqual(refs);
    expect(await checkout.git.head()).toBe(refs['refs/heads/new-tool']);
  });

  test('a conflict stops with the conflicting files and nothing pushed; dry run foresees it', async () => {
    const f = await forked('fork-conflict');
    await f.forkDev.commit('contributor edits install', {
      files: { 'install.sh': 'contributor\n', 'README.md': 'contrib readme\n' },
    });
    await f.forkDev.pushAll();
    await f.upstreamDev.commit('upstream edits install', {
      files: { 'install.sh': 'upstream\n', 'README.md': 'upstream readme\n' },
    });
    await f.upstreamDev.pushAll();
    const checkout = await sandbox.checkout(f.fork, 'refs/heads/new-tool', { name: 'fork-conflict/checkout' });
    const refs = await sandbox.refs(f.fork);
    const inputs = { mode: 'fork', upstream: sandbox.url(f.upstream), 'upstream-branch': 'main' };
    for (const dryRun of [true, false]) {
      const run = await sync(checkout, { inputs: { ...inputs, 'dry-run': dryRun } });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]!.message).toContain(
        'conflicts in 2 file(s):\n- README.md\n- install.sh\nNothing was pushed.',
      );
      expect(await sandbox.refs(f.fork)).toEqual(refs);
      expect(await checkout.git.changedFiles()).toEqual([]);
      expect(await checkout.git.head()).toBe(refs['refs/heads/new-tool']);
    }
  });

  test('an upstream branch that does not exist; an unreachable upstream', async () => {
    const f = await forked('fork-bad');
    const checkout = await sandbox.checkout(f.fork, 'refs/heads/new-tool', { name: 'fork-bad/checkout' });
    const refs = await sandbox.refs(f.fork);
    const noBranch = await sync(checkout, {
      inputs: { mode: 'fork', upstream: sandbox.url(f.upstream), 'upstream-branch': 'develop' },
    });
    expect(noBranch.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Input "upstream-branch": .*upstream\.git has no branch "develop"/),
      }),
    ]);
    const sameName = await sync(checkout, { inputs: { mode: 'fork', upstream: sandbox.url(f.upstream) } });
    expect(sameName.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Input "branch": .*has no branch "new-tool"/) }),
    ]);
    const unreachable = await sync(checkout, {
      inputs: { mode: 'fork', upstream: sandbox.url(path.join(sandbox.root, 'nowhere.git')) },
    });
    expect(unreachable.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Input "upstream": cannot reach /) }),
    ]);
    expect(await sandbox.refs(f.fork)).toEqual(refs);
  });
});

describe("pull-request mode: the resources repository's monthly run, through the API double", () => {
  const repository = 'ThePorgs/Exegol-resources';
  const token = 'ghs_resourcesbot0000000000';
  // 1 December 2026, 15:00 UTC: the cron `0 15 1 * *`.
  const firstOfMonth = RESOURCES_MONTHLY.sourceDateEpoch;
  const inputs = RESOURCES_MONTHLY.inputs;
  let double: GitHubDouble;
  let remote: string;
  let tools: TestRepo[];

  beforeAll(async () => {
    // Eighteen third-party submodules, one following dev, as Exegol-resources has; five moved.
    ({ remote, tools } = await resourcesRemote(sandbox));
    double = await startGitHubDouble();
    double.addRepo(repository, remote);
    double.addToken(token);
  });
  afterAll(() => double.stop());

  async function monthly(name: string): Promise<{ run: ActionRun; requests: number }> {
    const checkout = await sandbox.checkout(remote, 'refs/heads/main', { name: `resources/${name}` });
    double.resetCounts();
    const run = await sync(checkout, {
      repository,
      apiUrl: double.url,
      token,
      inputs,
      env: { ...sandbox.env(), SOURCE_DATE_EPOCH: firstOfMonth },
    });
    double.assertNoViolations();
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    return { run, requests: double.count() };
  }

  test('a dry run proposes nothing: no branch, no request', async () => {
    const checkout = await sandbox.checkout(remote, 'refs/heads/main', { name: 'resources/dry' });
    const refs = await sandbox.refs(remote);
    double.resetCounts();
    const run = await sync(checkout, {
      repository,
      apiUrl: double.url,
      token,
      inputs: { ...inputs, 'dry-run': true },
      env: { ...sandbox.env(), SOURCE_DATE_EPOCH: firstOfMonth },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      changed: 'true',
      operation: 'dry-run',
      'pull-request-number': '',
      behind: '5',
    });
    expect(run.summary).toContain('| pushed to | `update/2026-12-01` |');
    expect(double.count()).toBe(0);
    expect(await sandbox.refs(remote)).toEqual(refs);
  });

  test('the first run opens one pull request, labelled, from update/<date>', async () => {
    const main = await head(remote);
    const { run, requests } = await monthly('first');
    expect(run.outputs).toMatchObject({ changed: 'true', operation: 'pull-request-created', behind: '5' });
    const pulls = double.state.pulls(repository);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      number: Number(run.outputs['pull-request-number']),
      state: 'open',
      title: 'Resources update 01-Dec-26',
      headRef: 'update/2026-12-01',
      baseRef: 'main',
    });
    expect(pulls[0]!.body).toContain('| `sources/tool-07` | `dev` |');
    expect(double.state.labels(repository, pulls[0]!.number)).toEqual(['bot']);
    // One commit on main, holding the five moves; main itself untouched.
    expect(await head(remote)).toBe(main);
    const branch = await head(remote, 'update/2026-12-01');
    expect(run.outputs['commit-sha']).toBe(branch);
    expect(await sandbox.git(remote).out(['rev-parse', `${branch}^`])).toBe(main);
    const message = await sandbox.git(remote).out(['log', '-1', '--format=%B', branch]);
    expect(message.split('\n')[0]).toBe('updating resources');
    expect(message.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(5);
    const links = await sandbox.git(remote).gitlinks(branch);
    for (const i of [0, 3, 6, 10, 17])
      expect(links.get(`sources/tool-${String(i + 1).padStart(2, '0')}`)).toBe(await tools[i]!.git.head());
    // pulls/list, pulls/create, issues/add-labels.
    expect(requests).toBe(3);
  });

  test('a second run the same day updates that pull request instead of opening another', async () => {
    const first = await head(remote, 'update/2026-12-01');
    await tools[1]!.commit('more work', { files: { 'CHANGELOG.md': 'more\n' } });
    await tools[1]!.pushAll();
    const { run, requests } = await monthly('second');
    expect(run.outputs).toMatchObject({ changed: 'true', operation: 'pull-request-updated', behind: '6' });
    expect(double.state.pulls(repository)).toHaveLength(1);
    expect(double.state.pulls(repository)[0]!.body).toContain('`sources/tool-02`');
    const second = await head(remote, 'update/2026-12-01');
    expect(second).not.toBe(first);
    expect(await sandbox.git(remote).out(['rev-parse', `${second}^`])).toBe(await head(remote));
    expect((await sandbox.git(remote).gitlinks(second)).get('sources/tool-02')).toBe(await tools[1]!.git.head());
    // pulls/list, pulls/update.
    expect(requests).toBe(2);
  });

  test('a third run with nothing new leaves branch and pull request alone', async () => {
    const before = await sandbox.refs(remote);
    const { run, requests } = await monthly('third');
    expect(run.outputs).toMatchObject({ changed: 'true', operation: 'pull-request-unchanged' });
    expect(await sandbox.refs(remote)).toEqual(before);
    expect(double.state.pulls(repository)).toHaveLength(1);
    expect(requests).toBe(1);
  });

  test('once merged, the next run finds nothing to do: no commit, no pull request, no request', async () => {
    const [pr] = double.state.pulls(repository);
    await double.act('pulls/merge', { owner: 'ThePorgs', repo: 'Exegol-resources', pull_number: pr!.number });
    const { run, requests } = await monthly('after-merge');
    expect(run.outputs).toMatchObject({
      changed: 'false',
      operation: 'unchanged',
      'pull-request-number': '',
      behind: '0',
    });
    expect(requests).toBe(0);
    expect(double.state.pulls(repository).filter((p) => p.state === 'open')).toEqual([]);
  });
});

describe('fork mode on one repository: branches following main (the docs automerger)', () => {
  /** Exegol-docs: main, dev behind it, dev-wrapper with commits of its own, dev-images at main. */
  async function docs(name: string): Promise<{ remote: string; dev: TestRepo; main: string; wrapperOwn: string }> {
    const remote = await sandbox.bare(`${name}/Exegol-docs`);
    const dev = await sandbox.repo(`${name}/maintainer`, remote);
    await dev.commit('Site', { files: { 'docs/src/index.md': '# Exegol\n' } });
    await dev.branch('dev');
    await dev.branch('dev-wrapper');
    await dev.branch('dev-images');
    await dev.switch('dev-wrapper');
    const wrapperOwn = await dev.commit('Wrapper docs not in main yet', {
      files: { 'docs/src/wrapper.md': '# Wrapper\n' },
    });
    await dev.switch('main');
    const main = await dev.commit('Merge pull request #131 from ThePorgs/dev', {
      files: { 'docs/src/tools.md': '# Tools\n' },
    });
    await dev.pushAll();
    await dev.git.raw(['push', '--quiet', 'origin', 'main:refs/heads/dev-images', '--force']);
    return { remote, dev, main, wrapperOwn };
  }
  const follow = (remote: string, branch: string, strategy?: string) => ({
    mode: 'fork',
    upstream: sandbox.url(remote),
    'upstream-branch': 'main',
    branch,
    'fork-method': 'git',
    ...(strategy ? { 'fork-strategy': strategy } : {}),
  });

  test('merge (git merge --ff): fast-forward when it can, a merge commit otherwise, unchanged when level; a re-run changes nothing', async () => {
    const d = await docs('follow-merge');
    const results: Record<string, ActionRun> = {};
    for (const branch of ['dev', 'dev-wrapper', 'dev-images']) {
      const checkout = await sandbox.checkout(d.remote, 'refs/heads/main', { name: `follow-merge/${branch}` });
      results[branch] = await sync(checkout, { inputs: follow(d.remote, branch) });
      expect({ branch, errors: results[branch].errors, code: results[branch].exitCode }).toEqual({
        branch,
        errors: [],
        code: 0,
      });
    }
    const refs = await sandbox.refs(d.remote);
    expect(refs['refs/heads/dev']).toBe(d.main);
    expect(results.dev!.outputs).toMatchObject({ operation: 'fast-forward', changed: 'true', behind: '1' });
    expect(refs['refs/heads/dev-images']).toBe(d.main);
    expect(results['dev-images']!.outputs).toMatchObject({ operation: 'unchanged', changed: 'false' });
    const wrapperTip = refs['refs/heads/dev-wrapper']!;
    expect(results['dev-wrapper']!.outputs).toMatchObject({
      operation: 'merged',
      changed: 'true',
      'commit-sha': wrapperTip,
    });
    expect(await sandbox.git(d.remote).out(['log', '-1', '--format=%P', wrapperTip])).toBe(`${d.wrapperOwn} ${d.main}`);
    expect(refs['refs/heads/main']).toBe(d.main);

    const checkout = await sandbox.checkout(d.remote, 'refs/heads/main', { name: 'follow-merge/again' });
    const again = await sync(checkout, { inputs: follow(d.remote, 'dev-wrapper') });
    expect(again.outputs).toMatchObject({ operation: 'unchanged', changed: 'false' });
    expect(await sandbox.refs(d.remote)).toEqual(refs);
  });

  test('ff-only: fast-forwards dev, refuses dev-wrapper with the way out, pushes nothing there', async () => {
    const d = await docs('follow-ff');
    const before = await sandbox.refs(d.remote);
    const devCheckout = await sandbox.checkout(d.remote, 'refs/heads/main', { name: 'follow-ff/dev' });
    const dev = await sync(devCheckout, { inputs: follow(d.remote, 'dev', 'ff-only') });
    expect(dev.outputs).toMatchObject({ operation: 'fast-forward' });
    for (const dryRun of [true, false]) {
      const checkout = await sandbox.checkout(d.remote, 'refs/heads/main', { name: `follow-ff/wrapper-${dryRun}` });
      const run = await sync(checkout, {
        inputs: { ...follow(d.remote, 'dev-wrapper', 'ff-only'), 'dry-run': dryRun },
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(
            "dev-wrapper cannot fast-forward to upstream/main: it has 1 commit(s) of its own that upstream/main lacks (and lacks 1 of upstream's).",
          ),
        }),
      ]);
      expect(run.errors[0]!.message).toContain('set fork-strategy: merge');
    }
    const after = await sandbox.refs(d.remote);
    expect(after).toEqual({ ...before, 'refs/heads/dev': d.main });
    const bad = await sync(devCheckout, { inputs: follow(d.remote, 'dev', 'rebase') });
    expect(bad.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Input "fork-strategy": .*Use one of: merge, ff-only/),
      }),
    ]);
  });
});

describe("include-work-tree: what the repository's own update script changed, proposed with the submodules", () => {
  const repository = 'ThePorgs/Exegol-resources';
  const token = 'ghs_resourcesbot1111111111';
  let double: GitHubDouble;
  let r: Awaited<ReturnType<typeof resourcesRemote>>;
  beforeAll(async () => {
    r = await resourcesRemote(sandbox, 'worktree');
    double = await startGitHubDouble();
    double.addRepo(repository, r.remote);
    double.addToken(token);
  });
  afterAll(() => double.stop());

  /** As update-resources.sh does: downloads land, the list is rebuilt, a file goes, a submodule moves. */
  async function updateScript(checkout: TestRepo): Promise<void> {
    fs.mkdirSync(path.join(checkout.dir, 'windows/winPEAS'), { recursive: true });
    fs.writeFileSync(path.join(checkout.dir, 'windows/winPEAS/winPEAS.bat'), '@echo off\n');
    fs.writeFileSync(
      path.join(checkout.dir, 'resources_list.csv'),
      'Resource,Link,Description\nPEASS-ng,https://github.com/carlospolop/PEASS-ng,Privilege Escalation Awesome Scripts SUITE\n',
    );
    await checkout.git.raw(['submodule', 'update', '--init', '--quiet', '--remote', '--merge', 'sources/tool-01']);
  }

  async function run(
    name: string,
    extra: Record<string, string | boolean> = {},
  ): Promise<{ checkout: TestRepo; run: ActionRun }> {
    const checkout = await sandbox.checkout(r.remote, 'refs/heads/main', { name: `worktree/${name}` });
    await updateScript(checkout);
    const res = await sync(checkout, {
      repository,
      apiUrl: double.url,
      token,
      inputs: {
        ...RESOURCES_MONTHLY.inputs,
        'pull-request-branch': 'update/{epoch}',
        'include-work-tree': true,
        ...extra,
      },
      env: { ...sandbox.env(), SOURCE_DATE_EPOCH: RESOURCES_MONTHLY.sourceDateEpoch },
    });
    double.assertNoViolations();
    return { checkout, run: res };
  }

  test('without it, the changed work tree is refused and nothing is pushed', async () => {
    const before = await sandbox.refs(r.remote);
    const { run: refused } = await run('refused', { 'include-work-tree': false });
    expect(refused.exitCode).toBe(1);
    expect(refused.errors[0]!.message).toContain('set include-work-tree: true');
    expect(await sandbox.refs(r.remote)).toEqual(before);
  });

  test('one commit holds the files and every moved submodule; one pull request, labelled; a re-run is unchanged', async () => {
    const main = await head(r.remote);
    const branch = `update/${RESOURCES_MONTHLY.sourceDateEpoch}`;
    const { run: first } = await run('first');
    expect(first.errors).toEqual([]);
    expect(first.outputs).toMatchObject({
      operation: 'pull-request-created',
      changed: 'true',
      'work-tree-changes': '2',
      behind: '5',
    });
    const tip = await head(r.remote, branch);
    const git = sandbox.git(r.remote);
    expect(await git.out(['rev-parse', `${tip}^`])).toBe(main);
    expect(await git.out(['show', `${tip}:windows/winPEAS/winPEAS.bat`])).toBe('@echo off');
    expect(await git.out(['show', `${tip}:resources_list.csv`])).toContain(
      'PEASS-ng,https://github.com/carlospolop/PEASS-ng,',
    );
    const links = await git.gitlinks(tip);
    for (const i of r.moved)
      expect(links.get(`sources/tool-${String(i + 1).padStart(2, '0')}`)).toBe(await r.tools[i]!.git.head());
    const message = await git.out(['log', '-1', '--format=%B', tip]);
    expect(message).toMatch(
      /^updating resources\n\n(- sources\/tool-\d\d: .*\n){5}- 2 other paths: 1 added, 1 changed, 0 deleted$/,
    );
    const pulls = double.state.pulls(repository);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      title: 'Resources update 01-Dec-26',
      headRef: branch,
      baseRef: 'main',
      state: 'open',
    });
    expect(pulls[0]!.body).toContain('- added: `windows/winPEAS/winPEAS.bat`');
    expect(pulls[0]!.body).toContain('- modified: `resources_list.csv`');
    expect(double.state.labels(repository, pulls[0]!.number)).toEqual(['bot']);

    const refs = await sandbox.refs(r.remote);
    const { run: again } = await run('again');
    expect(again.outputs).toMatchObject({
      operation: 'pull-request-unchanged',
      'pull-request-number': first.outputs['pull-request-number'],
    });
    expect(await sandbox.refs(r.remote)).toEqual(refs);
    expect(double.state.pulls(repository)).toHaveLength(1);
  });
});

describe('fork through merge-upstream, where the API applies', () => {
  const token = 'ghs_maintainer000000000000';
  let double: GitHubDouble;
  let server: Awaited<ReturnType<GitSandbox['serveHttp']>>;
  beforeAll(async () => {
    double = await startGitHubDouble();
    double.addToken(token);
    server = await sandbox.serveHttp();
  });
  afterAll(async () => {
    await server.close();
    await double.stop();
  });

  /** ThePorgs/<name> and someone/<name>, a fork of it on the same (HTTP) server. */
  async function githubFork(name: string): Promise<{
    upstream: string;
    fork: string;
    upstreamDev: TestRepo;
    forkDev: TestRepo;
    checkout: () => Promise<TestRepo>;
  }> {
    const upstream = await sandbox.bare(`ThePorgs/${name}`);
    const upstreamDev = await sandbox.repo(`api/${name}-upstream`, upstream);
    await upstreamDev.commit('base', { files: { 'install.sh': 'base\n' } });
    await upstreamDev.pushAll();
    const fork = await sandbox.bare(`someone/${name}`);
    const forkDev = await sandbox.repo(`api/${name}-fork`, fork);
    await forkDev.git.raw(['pull', '--quiet', sandbox.url(upstream), 'main']);
    await forkDev.pushAll();
    double.addRepo(`ThePorgs/${name}`, upstream);
    double.addRepo(`someone/${name}`, fork, { upstream: `ThePorgs/${name}` });
    let n = 0;
    return {
      upstream,
      fork,
      upstreamDev,
      forkDev,
      checkout: async () => {
        const c = await sandbox.checkout(fork, 'refs/heads/main', { name: `api/${name}-checkout-${++n}` });
        await c.git.raw(['remote', 'set-url', 'origin', server.url(fork)]);
        return c;
      },
    };
  }

  function forkRun(checkout: TestRepo, inputs: Record<string, string>): Promise<ActionRun> {
    return sync(checkout, {
      serverUrl: server.origin,
      apiUrl: double.url,
      token,
      repository: 'ThePorgs/Exegol-images',
      inputs: { mode: 'fork', ...inputs },
    });
  }

  test('GitHub merges, the checkout follows, the summary says which path was used', async () => {
    const f = await githubFork('Exegol-images');
    await f.forkDev.commit('contributor', { files: { 'tools/new.sh': 'new\n' } });
    await f.forkDev.pushAll();
    await f.upstreamDev.commit('upstream', { files: { 'install.sh': 'v2\n' } });
    await f.upstreamDev.pushAll();
    const checkout = await f.checkout();
    double.resetCounts();
    const run = await forkRun(checkout, { upstream: 'ThePorgs/Exegol-images' });
    double.assertNoViolations();
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ method: 'api', operation: 'merged', changed: 'true', behind: '1' });
    const tip = await head(f.fork);
    expect(run.outputs['commit-sha']).toBe(tip);
    expect(await sandbox.git(f.fork).out(['log', '-1', '--format=%s', tip])).toBe(
      "Merge branch 'main' of ThePorgs/Exegol-images",
    );
    expect(await checkout.git.head()).toBe(tip);
    expect(run.summary).toContain('| method | `api` |');
    // repos/get (is it a fork of that upstream?), repos/merge-upstream.
    expect(double.count()).toBe(2);
    expect(double.count({ operationId: 'repos/merge-upstream' })).toBe(1);
  });

  test('a conflict GitHub reports is listed by file, nothing merged', async () => {
    const f = await githubFork('conflicting');
    await f.forkDev.commit('contributor', { files: { 'install.sh': 'mine\n' } });
    await f.forkDev.pushAll();
    await f.upstreamDev.commit('upstream', { files: { 'install.sh': 'theirs\n' } });
    await f.upstreamDev.pushAll();
    const refs = await sandbox.refs(f.fork);
    const run = await forkRun(await f.checkout(), { upstream: 'ThePorgs/conflicting' });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toContain('conflicts in 1 file(s):\n- install.sh\nNothing was pushed.');
    expect(double.count({ operationId: 'repos/merge-upstream', status: 409 })).toBe(1);
    expect(await sandbox.refs(f.fork)).toEqual(refs);
  });

  test('auto takes git where the API cannot (another upstream branch); api refuses a non-fork', async () => {
    const f = await githubFork('other-branch');
    await f.upstreamDev.branch('dev');
    await f.upstreamDev.switch('dev');
    const devTip = await f.upstreamDev.commit('on dev', { files: { 'dev.txt': 'dev\n' } });
    await f.upstreamDev.pushAll();
    double.resetCounts();
    const run = await forkRun(await f.checkout(), { upstream: 'ThePorgs/other-branch', 'upstream-branch': 'dev' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ method: 'git', operation: 'fast-forward' });
    expect(await head(f.fork)).toBe(devTip);
    expect(run.stdout).toContain(
      'Using git, not merge-upstream: merge-upstream merges the upstream branch of the same name',
    );
    expect(double.count()).toBe(0);

    const refs = await sandbox.refs(f.upstream);
    const upstreamCheckout = await sandbox.checkout(f.upstream, 'refs/heads/main', { name: 'api/not-a-fork' });
    await upstreamCheckout.git.raw(['remote', 'set-url', 'origin', server.url(f.upstream)]);
    const refused = await forkRun(upstreamCheckout, { upstream: 'ThePorgs/other-branch', 'fork-method': 'api' });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message:
          'Input "fork-method": "api" does not apply: GitHub does not list ThePorgs/other-branch as a fork. Use fork-method: git (or auto).',
      }),
    ]);
    expect(await sandbox.refs(f.upstream)).toEqual(refs);
  });
});

/** What the log shows: everything but the mask commands, which the runner consumes. */
function unmasked(run: ActionRun): string {
  return (run.stdout + run.stderr)
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}
