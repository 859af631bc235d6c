// verify-version: read inputs, run the gate, write outputs and the job summary.
import * as path from 'node:path';
import * as log from '@exegol-actions/core/action';
import {
  annotateChecks,
  checksTable,
  InputError,
  keyValueTable,
  preflight,
  readContext,
  runAction,
  setOutputs,
  writeSummary,
  type RunContext,
} from '@exegol-actions/core/action';
import { rulesFromInputs, type VersionRule } from '@exegol-actions/core/files';
import type { VerifyOptions } from '@exegol-actions/core/verify-version';
import { inputs } from './inputs.generated.ts';

export async function run(): Promise<void> {
  await runAction('verify-version', async () => {
    const ctx = readContext();
    const root = inputs.path('working-directory', { mustExist: true, kind: 'dir' });
    const requireStable = inputs.choice('require-stable', ['auto', 'true', 'false']);
    const finalSeverity = inputs.choice('test-file-mismatch', ['warning', 'error']);
    const comparePrevious = inputs.boolean('compare-previous');
    const checkReleasePr = inputs.boolean('check-release-pr');
    const tagPrefix = inputs.text('tag-prefix');
    const releaseBranch = inputs.branch('release-branch');
    const devBranch = inputs.branch('dev-branch');
    const titleTemplate = inputs.text('release-pr-title');
    if (!titleTemplate.includes('{version}')) {
      throw new InputError(
        'release-pr-title',
        `"${titleTemplate}" has no {version} placeholder`,
        'Write it like "Release {version}".',
      );
    }

    const { rules, rulesInput, rulesFrom } = await rulesFromInputs(root);
    // The gate (git, the version model) loads only once the inputs are known to be usable:
    // start-up time is paid on every step, failing ones included.
    const { Git } = await import('@exegol-actions/core/git');
    const { findReleasePullRequest, nextBeta, verifyVersion } = await import('@exegol-actions/core/verify-version');
    // compare-previous fetches history and tags into the checkout.
    preflight({
      writes: comparePrevious ? [{ input: 'working-directory', dir: root, what: 'fetched history and tags' }] : [],
    });
    const git = comparePrevious ? await Git.open(root) : null;

    const explicit = inputs.text('version');
    const { hasLeadingZeros, parseVersionTag, parseVersion, VersionError } =
      await import('@exegol-actions/core/version');
    if (explicit) {
      let given;
      try {
        given = parseVersion(explicit);
      } catch (e) {
        if (e instanceof VersionError)
          throw new InputError('version', e.message, 'Give the version as the project writes it.');
        throw e;
      }
      // PEP 440 reads 05.1.4 as 5.1.4: a gate must not pass a spelling no tag will have.
      if (hasLeadingZeros(explicit))
        throw new InputError(
          'version',
          `${explicit} has a number with a leading zero`,
          `Write it as PEP 440 reads it: ${given.normalized}.`,
        );
    }
    const givenTag = inputs.text('tag');
    if (givenTag && !parseVersionTag(givenTag, tagPrefix)) {
      throw new InputError(
        'tag',
        `${JSON.stringify(givenTag)} is not a version${tagPrefix ? ` after the prefix "${tagPrefix}"` : ''}`,
        `Give the tag as pushed, e.g. ${tagPrefix}4.3.6, or set tag-prefix.`,
      );
    }
    const tag = givenTag || ctx.tag;
    const opts: VerifyOptions = {
      root,
      rules,
      rulesInput,
      version: explicit
        ? { value: explicit, source: 'input "version"' }
        : versionFromPullRequest(ctx, rules, titleTemplate),
      tag: tag ? { value: tag, source: givenTag ? 'input "tag"' : ctx.ref } : undefined,
      tagPrefix,
      requireStable: stableRequirement(requireStable, ctx, releaseBranch),
      finalSeverity,
      git,
      releasePr: checkReleasePr
        ? {
            titleTemplate,
            describe: `from ${devBranch} to ${releaseBranch}`,
            head: { repository: ctx.repository, ref: devBranch },
            find: () =>
              findReleasePullRequest({
                token: inputs.text('github-token'),
                repository: ctx.repository,
                head: devBranch,
                base: releaseBranch,
                number:
                  ctx.pullRequest && ctx.pullRequest.baseRef === releaseBranch ? ctx.pullRequest.number : undefined,
              }),
          }
        : null,
    };

    const result = await log.group('Checking the version', async () => {
      const r = await verifyVersion(opts);
      for (const c of r.checks) log.info(`${c.status.padEnd(4)}  ${c.title}: ${c.detail}`);
      return r;
    });

    annotateChecks(result.checks, 'verify-version');
    const v = result.version;
    if (v) {
      setOutputs({
        version: v.raw,
        normalized: v.normalized,
        'is-prerelease': v.isPrerelease,
        major: v.major,
        minor: v.minor,
        patch: v.patch,
        'next-beta': nextBeta(v),
        final: v.final,
        'previous-tag': result.previousTag ?? '',
      });
    }
    setOutputs({
      history: result.history,
      checks: JSON.stringify(
        result.checks.map((c) => ({
          id: c.id,
          title: c.title,
          status: c.status,
          detail: c.detail,
          file: c.location ? path.relative(root, c.location.file) : undefined,
          line: c.location?.line,
        })),
      ),
    });

    const failed = result.checks.filter((c) => c.status === 'fail').length;
    await writeSummary(
      [
        `### verify-version ${result.ok ? '✅' : '❌'} ${v ? `\`${v.raw}\`` : ''}`,
        '',
        checksTable(result.checks),
        '',
        keyValueTable({
          rules: rulesFrom,
          'previous tag': result.previousTag ?? 'none',
          history: result.history,
          'next beta': v ? nextBeta(v) : undefined,
        }),
        '',
      ].join('\n'),
    );
    if (!result.ok) {
      log.info(`${failed} check(s) failed; see the annotations above.`);
      process.exitCode = 1;
    }
  });
}

function stableRequirement(setting: string, ctx: RunContext, releaseBranch: string): VerifyOptions['requireStable'] {
  if (setting === 'true') return { required: true, reason: 'input require-stable' };
  if (setting === 'false') return { required: false, reason: 'input require-stable is false' };
  if (ctx.tag) return { required: true, reason: `tag push ${ctx.tag}` };
  if (ctx.pullRequest && ctx.pullRequest.baseRef === releaseBranch) {
    return { required: true, reason: `pull request #${ctx.pullRequest.number} into ${releaseBranch}` };
  }
  return { required: false, reason: 'not a tag push nor a pull request into the release branch' };
}

/** The images repository has no version file: its release PR title carries the version. */
function versionFromPullRequest(ctx: RunContext, rules: VersionRule[], template: string): VerifyOptions['version'] {
  if (rules.some((r) => r.role === 'version') || !ctx.pullRequest) return undefined;
  const [before, after] = template.split('{version}') as [string, string];
  const title = ctx.pullRequest.title.trim();
  if (!title.startsWith(before) || !title.endsWith(after) || title.length <= before.length + after.length)
    return undefined;
  return {
    value: title.slice(before.length, title.length - after.length),
    source: `pull request #${ctx.pullRequest.number} title`,
  };
}
