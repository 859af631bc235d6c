// multi-arch-image-build end to end: the committed bundle, run as a runner runs it, against a real
// Docker engine, a real registry on 127.0.0.1:5000 and real arm64 emulation (QEMU through
// binfmt_misc), all from Debian's packages (scripts/setup-docker.sh). Small busybox images with
// Exegol's build args, labels and a test-command file of passing, failing and slow commands are
// built for linux/amd64 and linux/arm64, tested, pushed, merged, promoted and run.
//
// Without an engine these tests skip with a banner; under CI=true they fail instead.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  docker,
  dockerEnvironment,
  FAILING_TESTS,
  FaultProxy,
  imageProject,
  listTags,
  PASSING_TESTS,
  readManifest,
  tempDir,
  uniqueRepository,
} from '@exegol-actions/testkit/docker';
import { describeImageTests, expectSuccess } from '@exegol-actions/testkit/docker/suite';
import { runAction, type ActionRun } from '@exegol-actions/testkit/runner';

const env = dockerEnvironment();
const ready = env.ok;
const describeDocker = describeImageTests(ready ? null : (env.reason ?? 'unknown reason'));

const R = env.registry;
const NS = uniqueRepository('e2e');
const PREPROD = `${R}/${NS}/exegol-preprod`;
const PROD = `${R}/${NS}/exegol`;
const BUILD_DATE = '2026-11-25T00:00:00Z';
const dockerConfig = tempDir('e2e-docker-config-');
const dirs: string[] = [dockerConfig];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function project(options: Parameters<typeof imageProject>[1]): string {
  const dir = tempDir('e2e-image-');
  dirs.push(dir);
  return imageProject(dir, options);
}

/** One step of the action, as a workflow calls it; common inputs for small test images. */
async function step(
  workspace: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<ActionRun> {
  const run = await runAction({
    action: 'multi-arch-image-build',
    workspace,
    inputs: {
      // busybox images: plain `sh -c <line>` (the exegol-images preset needs zsh and ~/.zshrc).
      preset: 'none',
      'test-shell': 'sh',
      'test-timeout': '3s',
      'min-free-space': '100MB',
      'retry-delay': '100ms',
      'build-date': BUILD_DATE,
      ...inputs,
    },
    env: { DOCKER_CONFIG: dockerConfig, ...extraEnv },
    timeoutMs: 240_000,
  });
  return run;
}

function build(
  workspace: string,
  arch: string,
  inputs: Record<string, string> = {},
  extraEnv: Record<string, string> = {},
): Promise<ActionRun> {
  return step(
    workspace,
    {
      step: 'build',
      image: PREPROD,
      profile: 'full',
      version: '1.0.0',
      platform: `linux/${arch}`,
      'build-args': `ARCH=${arch}`,
      ...inputs,
    },
    extraEnv,
  );
}

function expectOneError(run: ActionRun, pattern: RegExp): void {
  if (run.errors.length !== 1) console.log(run.stdout, run.stderr);
  expect(run.exitCode).toBe(1);
  expect(run.errors).toHaveLength(1);
  expect(run.errors[0]!.message).toMatch(pattern);
}

function localImageExists(ref: string): boolean {
  return docker(env, ['image', 'inspect', ref], { allowFailure: true }).code === 0;
}

const [repoOf, tagsOf] = [
  (full: string) => full.slice(R.length + 1),
  (full: string) => listTags(R, full.slice(R.length + 1)),
];

describeDocker('build, test and push each arch; merge; promote', () => {
  let workspace: string;
  const digests: Record<string, string> = {};
  let proxy: FaultProxy;
  let listDigest = '';

  beforeAll(async () => {
    workspace = project({ tests: PASSING_TESTS, marker: NS });
    proxy = await FaultProxy.start(R);
  });
  afterAll(() => proxy.close());

  test.each(['amd64', 'arm64'])(
    'linux/%s: built, its test commands run in the image, pushed as the arch tag',
    async (arch) => {
      const run = await build(workspace, arch, { 'cache-to': 'inline' });
      expectSuccess(run);
      const ref = `${PREPROD}:full-1.0.0-${arch}`;
      expect(run.outputs).toMatchObject({
        image: ref,
        operation: 'pushed',
        platforms: `linux/${arch}`,
        'tests-passed': '4',
        'tests-failed': '0',
        'tests-timed-out': '0',
        'cached-steps': expect.stringMatching(/^\d\/3$/),
      });
      const inRegistry = await readManifest(R, repoOf(PREPROD), `full-1.0.0-${arch}`);
      expect(inRegistry.digest).toBe(run.outputs.digest);
      expect(JSON.parse(run.outputs['arch-digests']!)).toEqual({ [`linux/${arch}`]: run.outputs.digest });
      digests[arch] = run.outputs.digest!;
      // The tests ran inside the image, under emulation for arm64.
      expect(run.stdout).toContain(arch === 'arm64' ? 'QEMU (qemu-aarch64' : 'native (x86_64)');
      expect(run.stdout).toMatch(/✔ test "\$\(uname -m\)" = "\$\(cat \/opt\/arch\)"/);
      expect(run.summary).toMatch(
        new RegExp(`\\| linux/${arch} \\| \`${ref.replace(/[.]/g, '\\.')}\` \\| [\\d.]+ MB \\| \`sha256:`),
      );
      // Labels and build args reached the image; the job cleaned its local image up.
      const config = await readManifest(R, repoOf(PREPROD), digests[arch]);
      expect(config.json?.layers?.length).toBeGreaterThan(0);
      expect(localImageExists(ref)).toBe(false);
    },
  );

  test('merge: one list with both platforms under each final tag, no layer pulled', async () => {
    // Through the recording proxy: every request the merge makes is seen.
    proxy.resetLog();
    const viaProxy = `${proxy.address}/${NS}/exegol-preprod`;
    const run = await step(workspace, {
      step: 'merge',
      image: viaProxy,
      profile: 'full',
      version: '1.0.0',
      platforms: 'linux/amd64,linux/arm64',
      tags: '{profile}\n{profile}-{version}',
    });
    expectSuccess(run);
    listDigest = run.outputs.digest!;
    expect(run.outputs).toMatchObject({
      operation: 'created',
      platforms: 'linux/amd64,linux/arm64',
      tags: `${viaProxy}:full\n${viaProxy}:full-1.0.0`,
    });
    expect(JSON.parse(run.outputs['arch-digests']!)).toEqual({
      'linux/amd64': digests.amd64,
      'linux/arm64': digests.arm64,
    });
    for (const tag of ['full', 'full-1.0.0']) {
      const list = await readManifest(R, repoOf(PREPROD), tag);
      expect(list.digest).toBe(listDigest);
      expect(list.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
      expect(list.json?.manifests?.map((m) => [`${m.platform.os}/${m.platform.architecture}`, m.digest])).toEqual([
        ['linux/amd64', digests.amd64],
        ['linux/arm64', digests.arm64],
      ]);
    }
    // Only the two image configs were read: no layer crossed the wire.
    const configs = await Promise.all(
      ['amd64', 'arm64'].map(async (a) => (await readManifest(R, repoOf(PREPROD), digests[a]!)).json!.config!.digest),
    );
    expect(proxy.blobGets().sort()).toEqual(configs.sort());
    expect(proxy.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([
      `/v2/${NS}/exegol-preprod/manifests/full`,
      `/v2/${NS}/exegol-preprod/manifests/full-1.0.0`,
    ]);
    console.log(
      `merge on the local registry: ${run.durationMs.toFixed(0)} ms for the whole step (process start included), ${proxy.requests.length} requests`,
    );
    expect(run.summary).toContain('no layer pulled');
  });

  test('the merged tag runs on both platforms: arm64 reports aarch64', () => {
    for (const [platform, machine] of [
      ['linux/arm64', 'aarch64'],
      ['linux/amd64', 'x86_64'],
    ] as const) {
      docker(env, ['image', 'rm', `${PREPROD}:full`], { allowFailure: true });
      docker(env, ['pull', '--platform', platform, `${PREPROD}:full`]);
      expect(docker(env, ['run', '--rm', '--platform', platform, `${PREPROD}:full`, 'uname', '-m']).stdout.trim()).toBe(
        machine,
      );
    }
    docker(env, ['image', 'rm', `${PREPROD}:full`], { allowFailure: true });
  });

  test('merge again with the same inputs: unchanged, nothing written', async () => {
    proxy.resetLog();
    const run = await step(workspace, {
      step: 'merge',
      image: `${proxy.address}/${NS}/exegol-preprod`,
      profile: 'full',
      version: '1.0.0',
      platforms: 'linux/amd64,linux/arm64',
      tags: '{profile}\n{profile}-{version}',
    });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({ operation: 'unchanged', digest: listDigest });
    expect(proxy.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
  });

  test('promote: the same list, byte for byte, in production; the digest is kept', async () => {
    const run = await step(workspace, {
      step: 'promote',
      image: PROD,
      source: `${PREPROD}:full-1.0.0`,
      'expected-digest': listDigest,
      profile: 'full',
      version: '1.0.0',
      tags: '{profile}\n{profile}-{version}',
    });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({ digest: listDigest, operation: 'created', image: `${PROD}@${listDigest}` });
    expect(await tagsOf(PROD)).toEqual(['full', 'full-1.0.0']);
    for (const tag of ['full', 'full-1.0.0'])
      expect((await readManifest(R, repoOf(PROD), tag)).digest).toBe(listDigest);
    // The arch images are readable in production too (linked, not copied through the runner).
    for (const d of Object.values(digests)) expect((await readManifest(R, repoOf(PROD), d)).status).toBe(200);
    docker(env, ['image', 'rm', `${PROD}:full`], { allowFailure: true });
    expect(docker(env, ['run', '--rm', '--platform', 'linux/arm64', `${PROD}:full`, 'uname', '-m']).stdout.trim()).toBe(
      'aarch64',
    );
    docker(env, ['image', 'rm', `${PROD}:full`], { allowFailure: true });

    const again = await step(workspace, {
      step: 'promote',
      image: PROD,
      source: `${PREPROD}:full-1.0.0`,
      'expected-digest': listDigest,
      profile: 'full',
      version: '1.0.0',
      tags: '{profile}\n{profile}-{version}',
    });
    expectSuccess(again);
    expect(again.outputs.operation).toBe('unchanged');
  });

  test('promote whose source digest differs: one error, nothing promoted', async () => {
    const other = `sha256:${'0'.repeat(64)}`;
    const run = await step(workspace, {
      step: 'promote',
      image: PROD,
      source: `${PREPROD}:full`,
      'expected-digest': other,
      tags: 'release-candidate',
    });
    expectOneError(
      run,
      /^Input "expected-digest": .*exegol-preprod:full is sha256:[0-9a-f]{64}, not sha256:0{64}\. .*Nothing was promoted\.$/,
    );
    expect(await tagsOf(PROD)).toEqual(['full', 'full-1.0.0']);
  });

  test('merge whose arch tag is missing: one error, nothing under the final tag', async () => {
    const run = await step(workspace, {
      step: 'merge',
      image: PREPROD,
      sources: 'full-1.0.0-amd64\nfull-9.9.9-arm64',
      tags: 'broken',
    });
    expectOneError(
      run,
      /^Input "sources": .*exegol-preprod:full-9\.9\.9-arm64 does not exist on the registry\. Did the build for that platform fail.*Nothing was written\.$/,
    );
    expect((await readManifest(R, repoOf(PREPROD), 'broken')).status).toBe(404);
  });

  test('merge of sources that do not match the expected platforms: one error, nothing written', async () => {
    const run = await step(workspace, {
      step: 'merge',
      image: PREPROD,
      sources: 'full-1.0.0-amd64',
      platforms: 'linux/amd64,linux/arm64',
      tags: 'half',
    });
    expectOneError(
      run,
      /^Input "platforms": the sources hold linux\/amd64; missing linux\/arm64\. Nothing was written\.$/,
    );
    expect((await readManifest(R, repoOf(PREPROD), 'half')).status).toBe(404);
  });

  test('merge with delete-intermediate on a registry that deletes only whole manifests: the list is written, the arch tags kept, with a warning', async () => {
    const run = await step(workspace, {
      step: 'merge',
      image: PREPROD,
      sources: `full-1.0.0-amd64\nsha256:${digests.arm64!.slice(7)}`,
      tags: 'nightly',
      'delete-intermediate': 'true',
    });
    expectSuccess(run);
    expect(run.outputs.digest).toBe(listDigest);
    expect(run.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      expect.stringMatching(/does not delete tags on their own.*full-1\.0\.0-amd64 is kept/),
    ]);
    expect(await tagsOf(PREPROD)).toEqual(expect.arrayContaining(['full-1.0.0-amd64', 'full-1.0.0-arm64', 'nightly']));
  });
});

describeDocker('the image tests decide what is pushed', () => {
  test('failing and timed-out commands fail the step, their output is in the summary, nothing is pushed', async () => {
    const ws = project({ tests: FAILING_TESTS, marker: `${NS}-bad` });
    const run = await build(ws, 'amd64', { 'arch-tag': 'bad-{arch}' });
    expectOneError(run, /^3 failed and 1 timed-out of 5 test command\(s\) in .*:bad-amd64; nothing was pushed\./);
    expect(run.outputs).toMatchObject({
      operation: 'tests-failed',
      'tests-passed': '1',
      'tests-failed': '3',
      'tests-timed-out': '1',
      digest: '',
    });
    expect(run.summary).toContain('<details><summary>❌ failed (exit 3');
    expect(run.summary).toContain("<code>echo 'to stderr' &gt;&amp;2; exit 3</code>");
    expect(run.summary).toContain('<pre>to stderr</pre>');
    expect(run.summary).toMatch(/⏱ timed out after 3\.\d s: <code>sleep 60<\/code>/);
    expect(run.summary).toMatch(/No such file or directory/);
    expect(await tagsOf(PREPROD)).not.toContain('bad-amd64');
    expect(localImageExists(`${PREPROD}:bad-amd64`)).toBe(false);
    // The time limit held: 60 s of sleep did not hold the step.
    expect(run.durationMs).toBeLessThan(60_000);
  });

  test('test-failures report: the same failures warn, and the image is pushed', async () => {
    const ws = project({ tests: FAILING_TESTS, marker: `${NS}-bad` });
    const run = await build(ws, 'amd64', {
      'arch-tag': 'reported-{arch}',
      'test-failures': 'report',
      'test-concurrency': '1',
    });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({ operation: 'pushed', 'tests-failed': '3', 'tests-timed-out': '1' });
    expect(
      run.annotations.some(
        (a) => a.level === 'warning' && /pushing anyway \(test-failures is report\)/.test(a.message),
      ),
    ).toBe(true);
    expect(await tagsOf(PREPROD)).toContain('reported-amd64');
  });

  test('an image without the test file: one error naming test-file; with test-file-missing skip it is pushed', async () => {
    const ws = project({ marker: `${NS}-notests` });
    const run = await build(ws, 'amd64', { 'arch-tag': 'notests-{arch}' });
    expectOneError(
      run,
      /^Input "test-file": the image has no test file \/\.exegol\/unit_tests_all_commands\.txt\. .*set test-file-missing to skip/,
    );
    expect(await tagsOf(PREPROD)).not.toContain('notests-amd64');
    const skipped = await build(ws, 'amd64', { 'arch-tag': 'notests-{arch}', 'test-file-missing': 'skip' });
    expectSuccess(skipped);
    expect(skipped.outputs.operation).toBe('pushed');
    expect(skipped.summary).toMatch(/\| skipped \|/);
  });

  test('a test shell the image lacks (zsh in busybox): one error naming test-shell', async () => {
    const ws = project({ tests: PASSING_TESTS, marker: NS });
    const run = await build(ws, 'amd64', { 'arch-tag': 'zsh-{arch}', 'test-shell': 'zsh' });
    expectOneError(run, /^Input "test-shell": the image has no zsh .*Set test-shell to a shell the image has/);
    expect(await tagsOf(PREPROD)).not.toContain('zsh-amd64');
  });
});

describeDocker('registry credentials', () => {
  test('given by input: masked, passed on standard input only, logged out at the end', async () => {
    const password = `pw-${NS}-s3cret`;
    const ws = project({ tests: PASSING_TESTS, marker: `${NS}-login` });
    const config = tempDir('e2e-login-config-');
    dirs.push(config);
    const run = await build(
      ws,
      'amd64',
      { 'arch-tag': 'login-{arch}', 'registry-username': 'robot', 'registry-password': password },
      { DOCKER_CONFIG: config },
    );
    expectSuccess(run);
    expect(run.masks).toContain(password);
    // Nowhere but in the mask commands themselves.
    const shown = `${run.stdout}${run.stderr}${run.summary}`.replaceAll(`::add-mask::${password}`, '');
    expect(shown).not.toContain(password);
    expect(run.stdout).toContain(`logged in to ${R} as robot`);
    expect(run.stdout).toContain(`logged out of ${R}`);
    const after = JSON.parse(fs.readFileSync(path.join(config, 'config.json'), 'utf8')) as {
      auths?: Record<string, unknown>;
    };
    expect(Object.keys(after.auths ?? {})).toEqual([]);
    expect(await tagsOf(PREPROD)).toContain('login-amd64');
  });
});

describeDocker('registry faults', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await FaultProxy.start(R);
  });
  afterAll(() => proxy.close());

  test('a 503 on the manifest upload is retried, and the push succeeds', async () => {
    const ws = project({ tests: PASSING_TESTS, marker: `${NS}-retry` });
    proxy.inject({ method: 'PUT', path: /\/manifests\//, status: 503, times: 1 });
    const run = await build(ws, 'amd64', { image: `${proxy.address}/${NS}/faults` });
    expectSuccess(run);
    expect(proxy.injected()).toHaveLength(1);
    expect(run.stdout).toMatch(/docker push .*: 503; retrying in 0\.\d s \(attempt 2 of 4\)/);
    expect(run.summary).toMatch(/\| push attempts \| `2` \|/);
    expect((await readManifest(R, `${NS}/faults`, 'full-1.0.0-amd64')).digest).toBe(run.outputs.digest);
  });

  test('a registry that rejects the push: one clear error, not retried, nothing pushed', async () => {
    const ws = project({ tests: PASSING_TESTS, marker: `${NS}-denied` });
    proxy.clearRules();
    proxy.resetLog();
    proxy.inject({ method: 'POST', path: /\/blobs\/uploads\//, status: 403, times: Infinity });
    proxy.inject({ method: 'PUT', status: 403, times: Infinity });
    const run = await build(ws, 'amd64', { image: `${proxy.address}/${NS}/denied` });
    expectOneError(
      run,
      /^Pushing .*\/denied:full-1\.0\.0-amd64 failed: .*denied.*The registry refused the credentials/,
    );
    expect(run.stdout).not.toMatch(/retrying/);
    expect(await listTags(R, `${NS}/denied`)).toEqual([]);
    proxy.clearRules();
  });

  test('merge retries a 500 and a dropped connection on the registry API', async () => {
    proxy.clearRules();
    proxy.resetLog();
    proxy.inject({ method: 'HEAD', path: /\/manifests\/retried$/, reset: true, times: 1 });
    proxy.inject({ method: 'PUT', path: /\/manifests\/retried$/, status: 500, times: 1 });
    const run = await step(tempDir('e2e-empty-'), {
      step: 'merge',
      image: `${proxy.address}/${NS}/exegol-preprod`,
      sources: 'full-1.0.0-amd64\nfull-1.0.0-arm64',
      tags: 'retried',
    });
    expectSuccess(run);
    expect(proxy.injected().map((r) => `${r.method} ${r.status}`)).toEqual(['HEAD 0', 'PUT 500']);
    expect(run.summary).toMatch(/2 retries; no layer pulled/);
    expect((await readManifest(R, `${NS}/exegol-preprod`, 'retried')).digest).toBe(run.outputs.digest);
  });
});

describeDocker('cache, disk and dry run', () => {
  test('a second build with the registry cache reuses every layer', async () => {
    const ws = project({ tests: PASSING_TESTS, marker: `${NS}-cache-${Date.now()}` });
    const first = await build(ws, 'arm64', { image: `${R}/${NS}/cache`, 'cache-to': 'inline' });
    expectSuccess(first);
    expect(first.outputs['cached-steps']).toBe('0/3');
    // A fresh builder: no local image, no local build cache; only the registry has the layers.
    expect(localImageExists(`${R}/${NS}/cache:full-1.0.0-arm64`)).toBe(false);
    docker(env, ['builder', 'prune', '--all', '--force']);
    // skip-existing off: this is the same commit, which would otherwise not be built again.
    const second = await build(ws, 'arm64', {
      image: `${R}/${NS}/cache`,
      'cache-from': `${R}/${NS}/cache:full-1.0.0-arm64`,
      'cache-to': 'inline',
      'skip-existing': 'false',
    });
    expectSuccess(second);
    expect(second.outputs['cached-steps']).toBe('3/3');
    expect(second.outputs.digest).toBe(first.outputs.digest);
    expect(second.outputs.operation).toBe('unchanged');
    const seconds = (r: ActionRun) =>
      Number(/\| linux\/arm64 \|[^\n]*\| ([\d.]+) s \| \d\/3 steps \|/.exec(r.summary)?.[1]);
    console.log(
      `build with cache: first ${seconds(first)} s (0/3 cached), second ${seconds(second)} s (3/3 cached from the registry)`,
    );
    expect(seconds(second)).toBeLessThan(seconds(first));
  });

  test('disk guard: when short, prunes the labelled images (only those), then fails early with the numbers', async () => {
    const label = `org.exegol.test=${NS}`;
    const container = docker(env, ['create', env.baseImage('amd64')]).stdout.trim();
    docker(env, ['commit', '--change', `LABEL ${label.replace('=', '="')}"`, container, `${NS}-prunable:1`]);
    docker(env, ['rm', container]);
    expect(localImageExists(`${NS}-prunable:1`)).toBe(true);
    const ws = project({ tests: PASSING_TESTS, marker: NS });

    const enough = await build(ws, 'amd64', {
      'arch-tag': 'disk-ok',
      'min-free-space': '1MB',
      'prune-label': label,
      push: 'false',
    });
    expectSuccess(enough);
    expect(enough.outputs.operation).toBe('built');
    expect(localImageExists(`${NS}-prunable:1`)).toBe(true);

    const short = await build(ws, 'amd64', { 'arch-tag': 'disk-short', 'min-free-space': '1PB', 'prune-label': label });
    expectOneError(
      short,
      /^Not enough disk space on \/.*: [\d.]+ [kMGT]?B free after pruning dangling images, unused images labelled org\.exegol\.test=.*, build cache \(.* freed\), 1\.0 PB required by input "min-free-space"\./,
    );
    expect(localImageExists(`${NS}-prunable:1`)).toBe(false);
    for (const arch of ['amd64', 'arm64']) expect(localImageExists(env.baseImage(arch))).toBe(true);
    expect(await tagsOf(PREPROD)).not.toContain('disk-short');
  });

  test('dry run prints the plan and touches nothing; under act it is the default for merge', async () => {
    const ws = project({ tests: PASSING_TESTS, marker: NS });
    const run = await build(ws, 'arm64', { 'arch-tag': 'dry-{arch}', 'dry-run': 'true' });
    expectSuccess(run);
    expect(run.outputs.operation).toBe('planned');
    expect(run.stdout).toMatch(/\[dry-run\] build: \S*docker (buildx build --load|build) --platform linux\/arm64/);
    expect(run.stdout).toMatch(/\[dry-run\] push: .*:dry-arm64/);
    expect(localImageExists(`${PREPROD}:dry-arm64`)).toBe(false);

    const merge = await step(
      ws,
      { step: 'merge', image: PREPROD, sources: 'full-1.0.0-amd64\nfull-1.0.0-arm64', tags: 'act-only' },
      { ACT: 'true' },
    );
    expectSuccess(merge);
    expect(merge.outputs.operation).toBe('planned');
    expect((await readManifest(R, repoOf(PREPROD), 'act-only')).status).toBe(404);
    expect(await tagsOf(PREPROD)).not.toContain('dry-arm64');
  });
});

describe('bad input: one error naming the input, nothing pushed', () => {
  const ws = tempDir('e2e-bad-');
  dirs.push(ws);
  imageProject(ws, { tests: PASSING_TESTS });
  const badRepo = `${R}/${NS}/bad-input`;
  const base = {
    step: 'build',
    image: badRepo,
    profile: 'full',
    version: '1.0.0',
    platform: 'linux/amd64',
    'build-args': 'ARCH=amd64',
  };

  test.each([
    [
      'unknown platform',
      { platform: 'linux/sparc' },
      /^Input "platform": unknown platform "linux\/sparc"\. Use one of: linux\/amd64, linux\/arm64/,
    ],
    [
      'a Dockerfile that does not exist',
      { dockerfile: 'light.dockerfile' },
      /^Input "dockerfile": "light\.dockerfile" does not exist\./,
    ],
    [
      'an image that is not a valid reference',
      { image: `${R}/${NS}/Exegol` },
      /^Input "image": ".*\/Exegol" is not a valid image reference: "Exegol" has upper-case letters/,
    ],
    ['an image with a tag', { image: `${badRepo}:latest` }, /^Input "image": ".*:latest" names a tag or digest/],
    [
      'a version that cannot go into the arch tag',
      { version: '1.0.0+local' },
      /^Input "version": "1\.0\.0\+local" cannot be part of a tag \(arch-tag "\{profile\}-\{version\}-\{arch\}" gives "full-1\.0\.0\+local-amd64"\)/,
    ],
    [
      'an arch tag that is not a valid tag',
      { 'arch-tag': '{profile}+{arch}' },
      /^Input "arch-tag": "full\+amd64" is not a valid tag/,
    ],
    [
      'an unknown step',
      { step: 'deploy' },
      /^Input "step": unknown value "deploy"\. Use one of: build, merge, promote\./,
    ],
    ['a bad duration', { 'test-timeout': 'forever' }, /^Input "test-timeout": "forever" is not a duration/],
    [
      'half the credentials',
      { 'registry-username': 'robot' },
      /^Input "registry-password": is empty while the other credential is set/,
    ],
    [
      'a final tag that is not a valid tag',
      { step: 'merge', sources: 'a-amd64', tags: 'bad tag!' },
      /^Input "tags": "bad tag!" is not a valid tag/,
    ],
    [
      'a merge with neither sources nor platforms',
      { step: 'merge', tags: 'x' },
      /^Input "sources": is empty, and so is platforms/,
    ],
    ['a promote without source', { step: 'promote', tags: 'x' }, /^Input "source": is required but empty/],
    [
      'a promote with a malformed expected digest',
      { step: 'promote', tags: 'x', source: `${badRepo}:x`, 'expected-digest': 'sha256:abc' },
      /^Input "expected-digest": "sha256:abc" is not a digest/,
    ],
  ])('%s', async (_name, inputs, pattern) => {
    const run = await step(ws, { ...base, ...inputs });
    expectOneError(run, pattern);
    expect(run.stdout).not.toContain('::group::Build');
    if (ready) expect(await listTags(R, `${NS}/bad-input`)).toEqual([]);
  });

  (ready ? test : test.skip)('native emulation asked for arm64 on an amd64 engine', async () => {
    if (process.arch !== 'x64') return;
    const run = await step(ws, { ...base, platform: 'linux/arm64', emulation: 'native' });
    expectOneError(
      run,
      /^Input "emulation": native was asked, but the engine runs on linux\/amd64 and the platform is linux\/arm64\./,
    );
  });
});
