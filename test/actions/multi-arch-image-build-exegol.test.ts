// multi-arch-image-build as Exegol runs it, end to end on the real engine, QEMU and registry:
//   - the exegol-images preset reproduces Exegol's test runner (each line sourced from a file after
//     `autoload -Uz compinit; compinit; source ~/.zshrc`), proved on a Debian image with zsh made
//     with debootstrap, whose ~/.zshrc defines aliases and PATH entries;
//   - arch images go to a builds repository, the merge writes the pre-production tags and deletes
//     the arch tags, promotion copies to production; for each builder (buildx, buildkit, and the
//     classic one), forced by input;
//   - a second run from the same commit builds nothing, and the merge still runs.
import { afterAll, expect, test } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  docker,
  dockerEnvironment,
  EXEGOL_SHAPED_TESTS as T,
  imageProject,
  listTags,
  PASSING_TESTS,
  readManifest,
  tempDir,
  uniqueRepository,
  zshImageProject,
  zshImageReady,
} from '@exegol-actions/testkit/docker';
import { describeImageTests, expectSuccess } from '@exegol-actions/testkit/docker/suite';
import { runAction, type ActionRun } from '@exegol-actions/testkit/runner';

const env = dockerEnvironment();
const describeDocker = describeImageTests(
  !env.ok
    ? (env.reason ?? 'unknown reason')
    : !zshImageReady(env)
      ? 'the Debian image with zsh (exegol-actions/debian-zsh:bookworm) is missing'
      : null,
);

const R = env.registry;
const NS = uniqueRepository('exegol-e2e');
const SHA = 'c0ffee00'.repeat(5);
const dirs: string[] = [];
const dockerConfig = tempDir('exegol-e2e-config-');
dirs.push(dockerConfig);
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
}

async function step(workspace: string, inputs: Record<string, string>, sha = SHA): Promise<ActionRun> {
  return runAction({
    action: 'multi-arch-image-build',
    workspace,
    sha,
    inputs: { 'min-free-space': '100MB', 'retry-delay': '100ms', 'build-date': '2026-12-01T00:00:00Z', ...inputs },
    // A runner temp that outlives the step, as on a runner (until the job ends): the logs are there.
    env: { DOCKER_CONFIG: dockerConfig, RUNNER_TEMP: dir('exegol-e2e-runner-temp-') },
    timeoutMs: 240_000,
  });
}

function result(run: ActionRun, command: string): string {
  const line = run.stdout.split('\n').find((l) => l.includes(` ${command}  (`));
  return line ? line.slice(0, 1) : 'not run';
}

describeDocker("the exegol-images preset: Exegol's own test shell", () => {
  const lines = [T.alias, T.path, T.help, T.slow];
  let ws: string;
  const repo = `${R}/${NS}/zsh`;
  // A short limit, so the slow line times out quickly.
  const base = () => ({
    step: 'build',
    image: repo,
    profile: 'full',
    version: '1.0.0',
    platform: `linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`,
    push: 'false',
    'test-timeout': '5s',
  });

  test('with the defaults the alias, PATH and help lines pass, the slow one is a timeout, and the three logs are written', async () => {
    ws = zshImageProject(dir('exegol-zsh-'), { tests: lines, guiTests: ['caido --no-sandbox'], marker: NS });
    const run = await step(ws, base());
    expect(run.exitCode).toBe(1);
    expect(run.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^0 failed and 1 timed-out of 4 test command\(s\) in .*zsh:full-1\.0\.0-\w+64; nothing was pushed\./,
      ),
    ]);
    expect(run.outputs).toMatchObject({
      operation: 'tests-failed',
      'tests-passed': '3',
      'tests-failed': '0',
      'tests-timed-out': '1',
    });
    expect([T.alias, T.path, T.help, T.slow].map((c) => result(run, c))).toEqual(['✔', '✔', '✔', '⏱']);
    expect(run.stdout).toContain(
      'under zsh, each sourced from a file after `autoload -Uz compinit; compinit; source ~/.zshrc`',
    );
    expect(run.stdout).toMatch(/prelude alone: [\d.]+ s/);
    expect(run.summary).toMatch(/⏱ timed out after 5\.\d s: <code>sleep 30 &amp;&amp; echo too-late<\/code>/);
    // GUI commands: listed, not run, and why.
    expect(run.summary).toMatch(
      /\| GUI commands \| `1 in \/\.exegol\/unit_tests_gui_commands\.txt, not run: Exegol's runner for them is in its private pipeline tools/,
    );
    expect(run.summary).toContain(
      '<details><summary>🖥 1 GUI command(s), not run</summary>\n\n<pre>caido --no-sandbox</pre>',
    );
    // Exegol's three logs, one entry per command, with its output.
    const logs = run.outputs['test-logs']!;
    const read = (f: string) => fs.readFileSync(path.join(logs, f), 'utf8');
    expect(read('success_commands.log')).toContain(
      `COMMAND: ${T.alias}\n└── OUTPUT (exit 0):\nexegol-hello 1.0 (secretsdump --help)\n`,
    );
    expect(read('success_commands.log')).toContain(
      `COMMAND: ${T.help}\n└── OUTPUT (exit 0):\n  -d    enable debugging\n`,
    );
    expect(read('timedout_commands.log')).toMatch(/^COMMAND: sleep 30 && echo too-late\n└── TIMED OUT after 5\.\d s\n/);
    expect(read('failed_commands.log')).toBe('');
  });

  test('without the prelude (preset none, under zsh) the alias and PATH lines fail', async () => {
    const run = await step(ws, { ...base(), preset: 'none', 'test-shell': 'zsh' });
    expect(run.outputs).toMatchObject({
      operation: 'tests-failed',
      'tests-passed': '0',
      'tests-failed': '3',
      'tests-timed-out': '1',
    });
    expect(run.summary).toMatch(
      /❌ failed \(exit 127, [\d.]+ s\): <code>secretsdump\.py --help<\/code><\/summary>\n\n<pre>zsh:\d+: command not found: secretsdump\.py<\/pre>/,
    );
    expect(run.summary).toMatch(/command not found: exegol-hello/);
  });

  test('the prelude and the line in one -c string (test-mode inline): zsh parsed the line before ~/.zshrc ran, so the alias is unknown', async () => {
    const run = await step(ws, { ...base(), 'test-mode': 'inline' });
    expect([T.alias, T.path, T.help].map((c) => result(run, c))).toEqual(['✘', '✔', '✔']);
    expect(run.summary).toMatch(/command not found: secretsdump\.py/);
  });
});

// buildx (GitHub's runners, and here trixie's plugin), buildkit (a Docker client older than 23
// speaking BuildKit to the engine: Debian's docker.io) and legacy (the classic builder).
describeDocker.each([['buildx'], ['buildkit'], ['legacy']])(
  'builder %s: build each arch into the builds repository, test, push, merge, delete the arch tags, promote; a re-run builds nothing',
  (builder) => {
    const BUILDS = `${R}/${NS}-${builder}/exegol-builds`;
    const PREPROD = `${R}/${NS}-${builder}/exegol-preprod`;
    const PROD = `${R}/${NS}-${builder}/exegol`;
    const repo = (full: string) => full.slice(R.length + 1);
    const digests: Record<string, string> = {};
    let ws: string;
    let list = '';
    const common = () => ({
      'builds-image': BUILDS,
      profile: 'full',
      version: '1.0.0',
      preset: 'none',
      'test-timeout': '5s',
    });
    const buildArch = (arch: string, sha = SHA) =>
      step(
        ws,
        {
          ...common(),
          step: 'build',
          image: PREPROD,
          builder,
          platform: `linux/${arch}`,
          'build-args': `ARCH=${arch}`,
          tags: '{profile},{profile}-{version}',
        },
        sha,
      );
    const merge = () =>
      step(ws, {
        ...common(),
        step: 'merge',
        image: PREPROD,
        platforms: 'linux/amd64,linux/arm64',
        tags: '{profile},{profile}-{version}',
      });

    test.each(['amd64', 'arm64'])('linux/%s: built, tested and pushed to the builds repository only', async (arch) => {
      ws ??= imageProject(dir('exegol-builds-'), { tests: PASSING_TESTS, marker: `${NS}-${builder}` });
      const run = await buildArch(arch);
      expectSuccess(run);
      expect(run.outputs).toMatchObject({
        operation: 'pushed',
        skipped: 'false',
        image: `${BUILDS}:full-1.0.0-${arch}`,
        'tests-passed': '4',
      });
      expect(run.summary).toMatch(new RegExp(`\\| builder \\| \`${builder}`));
      digests[arch] = run.outputs.digest!;
      expect((await readManifest(R, repo(BUILDS), `full-1.0.0-${arch}`)).digest).toBe(digests[arch]);
      expect(await listTags(R, repo(PREPROD))).toEqual([]);
      // The build wrote what identifies it, for the already-built check.
      const config = await readManifest(R, repo(BUILDS), digests[arch]);
      const blob = await fetch(`http://${R}/v2/${repo(BUILDS)}/blobs/${config.json!.config!.digest}`).then(
        (r) => r.json() as Promise<{ config: { Labels: Record<string, string> } }>,
      );
      expect(blob.config.Labels).toMatchObject({
        'org.opencontainers.image.revision': SHA,
        'org.opencontainers.image.version': '1.0.0',
        'org.exegol-actions.profile': 'full',
        'org.exegol.tag': 'full',
      });
    });

    test('merge: the list under the pre-production tags, the arch tags deleted from the builds repository, the image still runs on both platforms', async () => {
      const run = await merge();
      expectSuccess(run);
      list = run.outputs.digest!;
      expect(run.outputs).toMatchObject({
        operation: 'created',
        'deleted-tags': `${BUILDS}:full-1.0.0-amd64\n${BUILDS}:full-1.0.0-arm64`,
      });
      expect(await listTags(R, repo(PREPROD))).toEqual(['full', 'full-1.0.0']);
      expect(await listTags(R, repo(BUILDS))).toEqual([]);
      expect(run.summary).toMatch(/\| `[^`]*exegol-builds:full-1\.0\.0-arm64` \| deleted \| digest \|/);
      for (const [platform, machine] of [
        ['linux/arm64', 'aarch64'],
        ['linux/amd64', 'x86_64'],
      ] as const) {
        docker(env, ['image', 'rm', `${PREPROD}:full`], { allowFailure: true });
        docker(env, ['pull', '--platform', platform, `${PREPROD}:full`]);
        expect(
          docker(env, ['run', '--rm', '--platform', platform, `${PREPROD}:full`, 'uname', '-m']).stdout.trim(),
        ).toBe(machine);
      }
      docker(env, ['image', 'rm', `${PREPROD}:full`], { allowFailure: true });
    });

    test('promote: the same list in production', async () => {
      const run = await step(ws, {
        step: 'promote',
        image: PROD,
        source: `${PREPROD}:full-1.0.0`,
        'expected-digest': list,
        profile: 'full',
        version: '1.0.0',
        tags: '{profile},{profile}-{version}',
      });
      expectSuccess(run);
      expect(run.outputs).toMatchObject({ operation: 'created', digest: list });
      expect((await readManifest(R, repo(PROD), 'full-1.0.0')).digest).toBe(list);
    });

    test('a second run from the same commit: nothing built or tested, the arch tag comes back for the merge, which is unchanged', async () => {
      for (const arch of ['amd64', 'arm64']) {
        const run = await buildArch(arch);
        expectSuccess(run);
        expect(run.outputs).toMatchObject({
          operation: 'unchanged',
          skipped: 'true',
          digest: digests[arch],
          'tests-passed': '0',
          'cached-steps': '',
        });
        expect(run.stdout).not.toContain('::group::Build');
        expect(run.summary).toContain('⏭ already built, skipped');
        expect(run.summary).toMatch(
          /exegol-preprod:full \(its linux\/\w+ image\) already holds this build \(org\.opencontainers\.image\.revision=c0ffee00/,
        );
        expect((await readManifest(R, repo(BUILDS), `full-1.0.0-${arch}`)).digest).toBe(digests[arch]);
      }
      const again = await merge();
      expectSuccess(again);
      expect(again.outputs).toMatchObject({ operation: 'unchanged', digest: list });
      expect(await listTags(R, repo(BUILDS))).toEqual([]);
    });

    (builder === 'buildx' ? test : test.skip)('another commit is built again', async () => {
      const run = await buildArch('amd64', 'beef0000'.repeat(5));
      expectSuccess(run);
      expect(run.outputs).toMatchObject({ operation: 'pushed', skipped: 'false' });
      expect(run.stdout).toMatch(
        /exegol-preprod:full: another build \(org\.opencontainers\.image\.revision is c0ffee00.*, not beef0000/,
      );
    });
  },
);
