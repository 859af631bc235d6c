// multi-arch-image-build: read and check the inputs of the chosen step, then run it, set the
// outputs and write the job summary. Docker, the registry client and the step logic load only
// once every input is known to be usable.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import {
  booleanInput,
  enumInput,
  info,
  input,
  InputError,
  integerInput,
  keyValueInput,
  listInput,
  pathInput,
  preflight,
  readContext,
  requiredInput,
  runAction,
  setOutputs,
  writeSummary,
  type RunContext,
} from '@exegol-actions/core/action';
import {
  checkTag,
  fillTag,
  formatReference,
  parseDuration,
  parsePlatform,
  parseReference,
  parseSize,
  platformSuffix,
  withDigest,
  withTag,
  type ImageReference,
  type Platform,
} from '@exegol-actions/core/docker/reference';
import { TEST_PRESETS } from '@exegol-actions/core/docker/test-presets';
import type {
  BuildStepOptions,
  CommonOptions,
  MergeStepOptions,
  PromoteStepOptions,
} from '@exegol-actions/core/multi-arch-image-build';

const STEPS = ['build', 'merge', 'promote'] as const;

export async function run(): Promise<void> {
  await runAction('multi-arch-image-build', async () => {
    const ctx = readContext();
    const step = enumInput('step', STEPS);
    const image = parseReference(
      requiredInput('image', 'Give the repository, e.g. nwodtuhs/exegol or ghcr.io/owner/exegol.'),
      'image',
      { require: 'repository' },
    );
    const common = commonInputs(image, ctx);
    const values = templateValues(ctx);
    // Arch images live in the builds repository (Exegol: nwodtuhs/exegol-builds), never in production.
    const builds = input('builds-image')
      ? parseReference(input('builds-image'), 'builds-image', { require: 'repository' })
      : image;
    // The registry and the engine are written to only after this; Docker's own disk has its guard (min-free-space).
    const checkFirst = () => preflight();

    if (step === 'build') {
      const options = buildInputs(builds, common, values, ctx);
      // The final tags' lists may hold this build although a merge deleted its arch tag.
      if (listInput('tags').length) options.finalTags = finalTags(image, values);
      checkFirst();
      const job = await import('@exegol-actions/core/multi-arch-image-build');
      const result = await job.buildStep(options);
      setOutputs(job.stepOutputs(result));
      await writeSummary(job.summaryMarkdown(result));
      job.failIfNeeded(result);
    } else if (step === 'merge') {
      const options = mergeInputs(image, builds, common, values);
      checkFirst();
      const job = await import('@exegol-actions/core/multi-arch-image-build');
      const result = await job.mergeStep(options);
      setOutputs(job.stepOutputs(result));
      await writeSummary(job.summaryMarkdown(result));
    } else {
      const options = promoteInputs(image, common, values);
      checkFirst();
      const job = await import('@exegol-actions/core/multi-arch-image-build');
      const result = await job.promoteStep(options);
      setOutputs(job.stepOutputs(result));
      await writeSummary(job.summaryMarkdown(result));
    }
  });
}

function commonInputs(image: ImageReference, ctx: RunContext): CommonOptions {
  const username = input('registry-username');
  const password = input('registry-password');
  if (password) core.setSecret(password);
  if (Boolean(username) !== Boolean(password)) {
    throw new InputError(
      username ? 'registry-password' : 'registry-username',
      'is empty while the other credential is set',
      'Give both registry-username and registry-password, or neither.',
    );
  }
  const registry = input('registry') || image.registry;
  if (input('registry')) parseReference(`${registry}/probe`, 'registry');
  const delay = parseDuration(input('retry-delay') || '2s', 'retry-delay');
  return {
    login: username ? { registry, username, password } : undefined,
    insecure: listInput('insecure-registries'),
    retry: {
      attempts: integerInput('retries', 4, { min: 1, max: 10 }),
      baseDelayMs: delay,
      maxDelayMs: Math.max(delay, 30_000),
    },
    // Under act nothing is written to a registry unless the workflow says so.
    dryRun: booleanInput('dry-run', ctx.act),
  };
}

function templateValues(ctx: RunContext): Record<string, string> {
  return { profile: input('profile'), version: input('version'), sha8: ctx.sha.slice(0, 8) };
}

/** The template placeholders that come from inputs: a bad character in a tag is blamed on them. */
const VALUE_INPUTS = { profile: 'profile', version: 'version' };

function archTag(values: Record<string, string>, platform: Platform): string {
  return fillTag(
    input('arch-tag') || '{profile}-{version}-{arch}',
    { ...values, arch: platformSuffix(platform) },
    'arch-tag',
    VALUE_INPUTS,
  );
}

function finalTags(image: ImageReference, values: Record<string, string>): ImageReference[] {
  const tags = listInput('tags');
  if (tags.length === 0)
    throw new InputError(
      'tags',
      'is empty',
      'Give the final tags to write, e.g. `{profile}` and `{profile}-{version}`, or `nightly`.',
    );
  return tags.map((t) => withTag(image, fillTag(t, values, 'tags', VALUE_INPUTS)));
}

/** Labels the build writes and the already-built check compares: what was built, from which commit. */
export const BUILD_LABELS = {
  revision: 'org.opencontainers.image.revision',
  version: 'org.opencontainers.image.version',
  profile: 'org.exegol-actions.profile',
} as const;

function buildInputs(
  image: ImageReference,
  common: CommonOptions,
  values: Record<string, string>,
  ctx: RunContext,
): BuildStepOptions {
  const platform = parsePlatform(
    requiredInput('platform', 'Give the one platform this job builds, e.g. linux/amd64 or linux/arm64.'),
    'platform',
  );
  const context = pathInput('context', { fallback: '.', mustExist: true, kind: 'dir', allowRunnerTemp: true });
  const dockerfile = pathInput('dockerfile', {
    fallback: 'Dockerfile',
    mustExist: true,
    kind: 'file',
    allowRunnerTemp: true,
  });
  const buildArgs: Record<string, string> = {};
  if (values.profile) buildArgs.TAG = values.profile;
  if (values.version) buildArgs.VERSION = values.version;
  buildArgs.BUILD_DATE = input('build-date') || new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const buildProfile = input('build-profile') || values.profile;
  if (buildProfile) buildArgs.BUILD_PROFILE = buildProfile;
  Object.assign(buildArgs, keyValueInput('build-args'));
  const cacheFrom = listInput('cache-from', { commas: false });
  for (const c of cacheFrom) if (!c.startsWith('type=')) parseReference(c, 'cache-from', { require: 'tag-or-digest' });
  const cacheTo = input('cache-to');
  if (cacheTo && cacheTo !== 'inline' && !cacheTo.startsWith('type='))
    parseReference(cacheTo, 'cache-to', { require: 'tag-or-digest' });

  const preset = TEST_PRESETS[enumInput('preset', ['exegol-images', 'none'], 'exegol-images')];
  const shell = input('test-shell') ? input('test-shell').split(/\s+/).filter(Boolean) : preset.shell;
  const testFile = input('test-file') || '/.exegol/unit_tests_all_commands.txt';
  if (!testFile.startsWith('/'))
    throw new InputError(
      'test-file',
      `"${testFile}" is not an absolute path in the image`,
      'Give the path inside the image, e.g. /.exegol/unit_tests_all_commands.txt.',
    );
  const tests = booleanInput('tests', true)
    ? {
        file: testFile,
        shell,
        // The preset's prelude is zsh's (compinit, ~/.zshrc): another test-shell goes without it.
        prelude: input('test-prelude') || (/(^|\/)zsh$/.test(shell[0]!) ? preset.prelude : undefined),
        mode: enumInput('test-mode', ['file', 'inline'], preset.mode),
        guiFile: input('gui-test-file') || preset.guiFile,
        logDir: path.join(
          process.env.RUNNER_TEMP || os.tmpdir(),
          'multi-arch-image-build',
          `${values.profile || 'image'}-${platformSuffix(platform)}-test-logs`,
        ),
        timeoutMs: parseDuration(input('test-timeout') || '30s', 'test-timeout'),
        concurrency: integerInput('test-concurrency', 5, { min: 1, max: 64 }),
        onMissingFile: enumInput('test-file-missing', ['fail', 'skip'], 'fail'),
      }
    : null;
  const minFree = parseSize(input('min-free-space') || '10GB', 'min-free-space');
  const pruneLabel = input('prune-label');
  if (pruneLabel && !/^[\w.-]+(=.*)?$/.test(pruneLabel))
    throw new InputError('prune-label', `"${pruneLabel}" is not a label filter`, 'Write it as key=value or key.');
  // What identifies this build: the labels are written into the image and compared before building.
  const revision = input('revision') || ctx.sha;
  const identity: Record<string, string> = {};
  if (revision) identity[BUILD_LABELS.revision] = revision;
  if (values.version) identity[BUILD_LABELS.version] = values.version;
  if (values.profile) identity[BUILD_LABELS.profile] = values.profile;
  const labels = { ...identity, ...keyValueInput('labels') };
  const skipExisting = booleanInput('skip-existing', true);
  if (skipExisting && !revision)
    info('No revision (GITHUB_SHA is empty and input revision is not set): the already-built check is off.');
  return {
    ...common,
    skipIfBuilt: skipExisting && revision ? identity : null,
    engine: {
      client: dockerClientInput(),
      builder: enumInput('builder', ['auto', 'buildx', 'buildkit', 'legacy'], 'auto'),
    },
    platform,
    emulation: enumInput('emulation', ['auto', 'qemu', 'native'], 'auto'),
    image,
    archTag: archTag(values, platform),
    build: {
      context,
      dockerfile,
      buildArgs,
      labels,
      cacheFrom,
      cacheTo: cacheTo || undefined,
      target: input('target') || undefined,
      noCache: booleanInput('no-cache', false),
    },
    tests,
    testFailures: enumInput('test-failures', ['fail', 'report'], 'fail'),
    push: booleanInput('push', true),
    disk: minFree > 0 ? { minFree, pruneLabel: pruneLabel || undefined } : null,
    cleanup: booleanInput('cleanup', true),
  };
}

/** A merge source: a tag or digest of `image`, or a full reference. */
function sourceReference(text: string, image: ImageReference): ImageReference {
  if (text.startsWith('sha256:')) return parseReference(formatReference(withDigest(image, text)), 'sources');
  if (!/[/:@]/.test(text)) return withTag(image, checkTag(text, 'sources'));
  return parseReference(text, 'sources', { require: 'tag-or-digest' });
}

function mergeInputs(
  image: ImageReference,
  builds: ImageReference,
  common: CommonOptions,
  values: Record<string, string>,
): MergeStepOptions {
  const platforms = listInput('platforms').map((p) => parsePlatform(p, 'platforms'));
  let sources = listInput('sources', { commas: false }).map((s) => sourceReference(s, builds));
  if (sources.length === 0) {
    if (platforms.length === 0)
      throw new InputError(
        'sources',
        'is empty, and so is platforms',
        'Give the arch images to merge, or the platforms (the arch tags then follow arch-tag).',
      );
    sources = platforms.map((p) => withTag(builds, archTag(values, p)));
  }
  const hubApi = input('docker-hub-api');
  if (hubApi && !/^https?:\/\/[^\s/]+/.test(hubApi))
    throw new InputError(
      'docker-hub-api',
      `"${hubApi}" is not an http(s) address`,
      'Leave it empty for https://hub.docker.com.',
    );
  return {
    ...common,
    sources,
    targets: finalTags(image, values),
    platforms: platforms.length ? platforms : undefined,
    // With a builds repository the arch tags have served their purpose once the list is written.
    deleteSources: booleanInput(
      'delete-intermediate',
      builds.repository !== image.repository || builds.registry !== image.registry,
    ),
    hubApiUrl: hubApi || undefined,
  };
}

function promoteInputs(
  image: ImageReference,
  common: CommonOptions,
  values: Record<string, string>,
): PromoteStepOptions {
  const source = parseReference(
    requiredInput('source', 'Give the list to copy, e.g. nwodtuhs/exegol-preprod:full.'),
    'source',
    { require: 'tag-or-digest' },
  );
  const expectedDigest = input('expected-digest') || undefined;
  if (expectedDigest && !/^sha256:[0-9a-f]{64}$/.test(expectedDigest)) {
    throw new InputError(
      'expected-digest',
      `"${expectedDigest}" is not a digest`,
      "Give sha256: followed by 64 lower-case hex digits (the merge step's digest output).",
    );
  }
  return { ...common, source, expectedDigest, targets: finalTags(image, values) };
}

/** The `docker` input: a client that exists and can be run, found as a path or on PATH. */
function dockerClientInput(): string | undefined {
  const value = input('docker');
  if (!value) return undefined;
  const runnable = (p: string) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (value.includes('/')) {
    if (!runnable(path.resolve(value))) {
      throw new InputError(
        'docker',
        `${JSON.stringify(value)} is not ${fs.existsSync(value) ? 'an executable file' : 'there'}`,
        'Give the path of the Docker client (e.g. /usr/bin/docker), or leave docker empty to use the one on PATH.',
      );
    }
    return value;
  }
  if (!(process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && runnable(path.join(dir, value)))) {
    throw new InputError(
      'docker',
      `${JSON.stringify(value)} is not a program on PATH`,
      'Give the path of the Docker client (e.g. /usr/bin/docker), or leave docker empty to use the one on PATH.',
    );
  }
  return value;
}
