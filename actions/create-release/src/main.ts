// create-release: read inputs, make or find the tag and the release, set outputs and the summary.
import * as fs from 'node:fs';
import * as log from '@exegol-actions/core/action';
import {
  checkCheckout,
  InputError,
  keyValueTable,
  mdBlock,
  mdCell,
  mdCode,
  mdText,
  preflight,
  readContext,
  runAction,
  setOutputs,
  workspace,
  writeSummary,
} from '@exegol-actions/core/action';
import type { Version } from '@exegol-actions/core/version';
import { inputs } from './inputs.generated.ts';

export async function run(): Promise<void> {
  await runAction('create-release', async () => {
    const ctx = readContext();
    const token = inputs.text('github-token');
    const signingKey = inputs.text('signing-key');
    const passphrase = inputs.text('signing-key-passphrase');
    for (const secret of [token, signingKey, passphrase]) log.maskSecret(secret);

    const root = inputs.path('working-directory', { mustExist: true, kind: 'dir' });
    const tagPrefix = inputs.text('tag-prefix');
    const prerelease = inputs.choice('prerelease', ['auto', 'true', 'false']);
    const makeLatest = inputs.choice('make-latest', ['auto', 'true', 'false']);
    const existing = inputs.choice('existing-release', ['update', 'keep']);
    const requireSigned = inputs.boolean('require-signed-tag');
    const assetsRequired = inputs.boolean('assets-required');
    const dryRun = inputs.booleanOr('dry-run', ctx.act);
    const notesSinceText = inputs.text('notes-since');
    const notesSince = ['auto', 'stable', 'any'].includes(notesSinceText)
      ? (notesSinceText as 'auto' | 'stable' | 'any')
      : { tag: notesSinceText };
    const nameTemplate = inputs.text('name');
    const messageTemplate = inputs.text('tag-message');
    const identityText = inputs.text('identity');
    const assetGlobs = inputs.list('assets');
    let extraBody = inputs.text('body');
    if (inputs.text('body-file')) {
      const file = inputs.path('body-file', { mustExist: true, base: root, kind: 'file', allowRunnerTemp: true });
      extraBody = [extraBody, fs.readFileSync(file, 'utf8')].filter((s) => s.trim()).join('\n\n');
    }
    if (passphrase && !signingKey)
      throw new InputError(
        'signing-key-passphrase',
        'is set but signing-key is empty',
        'Pass the key too, or drop the passphrase.',
      );
    if (!token && !dryRun)
      throw new InputError(
        'github-token',
        'is empty',
        'Pass a token with contents: write (the default ${{ github.token }} works with `permissions: { contents: write }`).',
      );
    if (!ctx.repository && !dryRun)
      throw new InputError(
        'github-token',
        'has no repository to act on (GITHUB_REPOSITORY is empty)',
        'Run the action in a GitHub Actions job.',
      );

    // Every run tags a commit of the checkout: without one, say so before loading or starting git.
    checkCheckout(root);
    // The version model, git and the job load only once the inputs are known to be usable.
    const { parseVersion, parseVersionTag, hasLeadingZeros, VersionError } =
      await import('@exegol-actions/core/version');
    const { Git, authConfig, parseIdentity } = await import('@exegol-actions/core/git');
    const tagger = parseIdentity(identityText);
    if (!tagger)
      throw new InputError(
        'identity',
        `${JSON.stringify(identityText)} is not "Name <email>"`,
        'Write it like "Github Actions <actions@github.com>".',
      );

    // The version: given, else the pushed tag, else what the version files say.
    let version: Version;
    let versionSource: string;
    const explicit = inputs.text('version');
    if (explicit) {
      const raw = explicit.startsWith(tagPrefix) && tagPrefix ? explicit.slice(tagPrefix.length) : explicit;
      try {
        version = parseVersion(raw);
      } catch (e) {
        if (!(e instanceof VersionError)) throw e;
        throw new InputError(
          'version',
          e.message,
          'Give the version to release, like 4.3.5 (the tag is tag-prefix + version).',
        );
      }
      versionSource = 'input "version"';
    } else if (ctx.tag) {
      const fromTag = parseVersionTag(ctx.tag, tagPrefix);
      if (!fromTag) {
        throw new InputError(
          'version',
          `is empty and the pushed tag "${ctx.tag}" is not a version${tagPrefix ? ` with prefix "${tagPrefix}"` : ''}`,
          'Push a tag like 4.3.5, set tag-prefix, or give the version.',
        );
      }
      version = fromTag;
      versionSource = `the pushed tag ${ctx.tag}`;
    } else {
      ({ version, versionSource } = await versionFromFiles(root));
    }
    // PEP 440 reads 05.1.4 as 5.1.4: a tag spelled 05.1.4 would name a version no one writes.
    if (hasLeadingZeros(version.raw)) {
      throw new InputError(
        'version',
        `${version.raw} (${versionSource}) has a number with a leading zero`,
        `Write it as PEP 440 reads it: ${version.normalized}.`,
      );
    }
    // A new tag gets the canonical spelling (5.1.5-rc1 is tagged 5.1.5rc1); a pushed tag keeps its own.
    if (versionSource !== `the pushed tag ${ctx.tag}` && version.raw !== version.normalized)
      version = parseVersion(version.normalized, version.scheme);

    const git = await Git.open(root, token ? authConfig({ token, serverUrl: ctx.serverUrl }) : {});
    const commitInput = inputs.text('commit');
    const commitRev = commitInput || (ctx.sha && (await git.revParse(ctx.sha)) ? ctx.sha : 'HEAD');
    const commit = await git.revParse(commitRev);
    if (!commit)
      throw new InputError(
        'commit',
        `"${commitRev}" is not a commit of the checkout at ${root}`,
        'Give a commit SHA or ref that is checked out (actions/checkout with the ref to release).',
      );

    const fill = (t: string) =>
      t.replaceAll('{version}', version.raw).replaceAll('{tag}', `${tagPrefix}${version.raw}`);
    const { createRelease } = await import('@exegol-actions/core/create-release');
    preflight({ writes: [{ input: 'working-directory', dir: root, what: 'the tag (and fetched history)' }] });
    const result = await createRelease({
      git,
      workspace: workspace(),
      version,
      tagPrefix,
      commit,
      tagMessage: fill(messageTemplate),
      tagger,
      signingKey,
      signingKeyPassphrase: passphrase,
      requireSigned,
      trust: { allowedSigners: inputs.text('allowed-signers'), gpgPublicKeys: inputs.text('gpg-public-keys') },
      name: fill(nameTemplate),
      notesSince,
      extraBody,
      prerelease: prerelease === 'auto' ? version.isPrerelease : prerelease === 'true',
      makeLatest: makeLatest === 'auto' ? 'auto' : makeLatest === 'true',
      existing,
      assetGlobs,
      assetsRequired,
      dryRun,
      github: token && ctx.repository ? { token, repository: ctx.repository, apiUrl: ctx.apiUrl } : null,
    });

    const r = result.release;
    setOutputs({
      version: version.raw,
      tag: result.tagName,
      'tag-created': result.tag.created,
      'previous-tag': result.previousTag ?? '',
      'release-id': r?.id || '',
      'release-url': r?.url ?? '',
      'upload-url': r?.uploadUrl ?? '',
      prerelease: r?.prerelease ?? (prerelease === 'auto' ? version.isPrerelease : prerelease === 'true'),
      latest: r?.latest ?? false,
      operation: r?.operation ?? (result.tag.created ? 'created' : 'unchanged'),
      assets: JSON.stringify(
        (r?.assets ?? result.assets.map((a) => ({ name: a.name, action: 'uploaded', url: '' }))).map((a) => ({
          name: a.name,
          action: a.action,
          url: a.url,
        })),
      ),
    });
    for (const n of result.notes) log.info(n);
    await writeSummary(
      [
        `### create-release: ${r?.operation ?? 'tag only'} ${mdText(result.tagName)}${dryRun ? ' (dry-run)' : ''}`,
        '',
        keyValueTable({
          version: `${version.raw} (${versionSource})`,
          tag: `${result.tagName} on ${commit.slice(0, 8)}`,
          'tag status': result.tag.note,
          signature: result.tag.verification?.detail ?? result.tag.signature ?? 'none',
          'notes since': result.previousTag ?? 'GitHub default',
          release: r ? r.url || `"${r.name}" (not created: dry-run)` : undefined,
          name: r?.name,
          prerelease: r?.prerelease,
          latest: r ? `${r.latest}${r.previousLatest ? ` (previous latest ${r.previousLatest})` : ''}` : undefined,
        }),
        '',
        ...(r?.assets.length
          ? [
              '| Asset | Action |',
              '| --- | --- |',
              ...r.assets.map((a) => `| ${mdCell(mdCode(a.name))} | ${a.action} |`),
              '',
            ]
          : []),
        ...[...result.notes, ...(r?.notes ?? [])].map((n) => `> ${mdText(n)}`),
        '',
        ...(r && dryRun
          ? ['<details><summary>Release body</summary>', '', mdBlock(r.body, 'markdown'), '', '</details>', '']
          : []),
      ].join('\n'),
    );
  });
}

async function versionFromFiles(root: string): Promise<{ version: Version; versionSource: string }> {
  const { rulesFromInputs, findRuleValue, detectPreset } = await import('@exegol-actions/core/files');
  const { ActionError } = await import('@exegol-actions/core/action');
  const { parseVersion, VersionError } = await import('@exegol-actions/core/version');
  const missing = new InputError(
    'version',
    'is empty, the run is not for a tag, and no version file was found',
    "Give the version (for the images: the release PR title's, e.g. verify-version's output).",
  );
  // Without rules the preset is only a guess: a checkout that looks like no known project
  // lacks a version, not a preset.
  if (!inputs.text('rules') && !inputs.text('config-file') && inputs.text('preset') === 'auto' && !detectPreset(root))
    throw missing;
  const { rules, rulesInput } = await rulesFromInputs(root);
  for (const rule of rules.filter((r) => r.role === 'version')) {
    let m;
    try {
      m = findRuleValue(root, rule, rulesInput);
    } catch (e) {
      // Already names the input (a path the containment rule refused).
      if (!(e instanceof ActionError) || e instanceof InputError) throw e;
      throw new InputError(
        rulesInput,
        e.message.replace(/\.$/, ''),
        'Fix the rule, or give the version input.',
        e.location,
      );
    }
    if (!m) continue;
    try {
      return { version: parseVersion(m.value), versionSource: `${rule.name} (${m.value})` };
    } catch (e) {
      if (!(e instanceof VersionError)) throw e;
      throw new InputError(
        rulesInput,
        `${rule.name} holds ${e.message}`,
        'Fix the version file, or give the version input.',
        { file: m.file, line: m.line, column: m.column },
      );
    }
  }
  throw missing;
}
