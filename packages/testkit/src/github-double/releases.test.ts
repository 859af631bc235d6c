// Releases as GitHub keeps them: drafts, tags created on publish, latest, assets, notes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { startGitHubDouble, type GitHubDouble } from './index.ts';
import { requestFailure, type GitHubErrorBody, makeBareRepo, type BareFixture } from './test-helpers.ts';

const owner = 'ThePorgs';
let double: GitHubDouble;
const fixtures: BareFixture[] = [];
let octokit: ReturnType<typeof getOctokit>;

beforeAll(async () => {
  double = await startGitHubDouble({
    tokens: {
      writer: {},
      reader: { permissions: { contents: 'read' } },
      maintainer: { kind: 'pat', login: 'Dramelac' },
    },
  });
  octokit = getOctokit('writer', { baseUrl: double.url });
});

afterEach(() => double.assertNoViolations());

afterAll(async () => {
  await double.stop();
  fixtures.forEach((f) => f.cleanup());
});

let repoCount = 0;
/** A fresh repository per test, with one commit on main. */
async function newRepo(options: { immutableReleases?: boolean } = {}) {
  const fixture = await makeBareRepo();
  fixtures.push(fixture);
  const main = await fixture.commit('main', 'Initial commit');
  const repo = `repo-${++repoCount}`;
  double.addRepo(`${owner}/${repo}`, fixture.gitDir, options);
  return { fixture, repo, main };
}

/** The status a request was refused with and GitHub's error body; status 0 and no body when it succeeded. */
async function status(promise: Promise<unknown>): Promise<{ status: number; data: GitHubErrorBody }> {
  const failure = await requestFailure(promise);
  return failure ? { status: failure.status, data: failure.data } : { status: 0, data: {} };
}

describe('releases', () => {
  it('goes draft → asset upload → publish, creating the tag only on publish', async () => {
    const { fixture, repo, main } = await newRepo();
    const { data: draft } = await octokit.rest.repos.createRelease({
      owner,
      repo,
      tag_name: '5.1.4',
      name: 'Exegol 5.1.4',
      draft: true,
    });
    expect(draft).toMatchObject({ draft: true, tag_name: '5.1.4', published_at: null, target_commitish: 'main' });
    expect(draft.html_url).toMatch(/\/releases\/tag\/untagged-[0-9a-f]+$/);
    expect(await fixture.git('tag', '--list')).toBe('');

    // Drafts are not found by tag, and not seen by readers at all.
    expect((await status(octokit.rest.repos.getReleaseByTag({ owner, repo, tag: '5.1.4' }))).status).toBe(404);
    const reader = getOctokit('reader', { baseUrl: double.url });
    expect((await reader.rest.repos.listReleases({ owner, repo })).data).toEqual([]);

    const { data: asset } = await octokit.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: draft.id,
      url: draft.upload_url,
      name: 'exegol-5.1.4.tar.gz',
      data: Buffer.from('payload') as never,
      headers: { 'content-type': 'application/gzip' },
    });
    expect(asset).toMatchObject({
      name: 'exegol-5.1.4.tar.gz',
      size: 7,
      content_type: 'application/gzip',
      state: 'uploaded',
    });
    const duplicate = await status(
      octokit.rest.repos.uploadReleaseAsset({
        owner,
        repo,
        release_id: draft.id,
        url: draft.upload_url,
        name: 'exegol-5.1.4.tar.gz',
        data: 'x',
      }),
    );
    expect(duplicate.status).toBe(422);
    expect(duplicate.data.errors).toEqual([{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }]);

    const { data: published } = await octokit.rest.repos.updateRelease({
      owner,
      repo,
      release_id: draft.id,
      draft: false,
    });
    expect(published.draft).toBe(false);
    expect(published.published_at).not.toBeNull();
    expect(published.html_url).toBe(`https://github.com/${owner}/${repo}/releases/tag/5.1.4`);
    expect(published.assets.map((a) => a.name)).toEqual(['exegol-5.1.4.tar.gz']);
    // The lightweight tag GitHub creates on publish is a real ref on the target commit.
    expect(await fixture.git('rev-parse', 'refs/tags/5.1.4')).toBe(main);
    expect((await octokit.rest.repos.getReleaseByTag({ owner, repo, tag: '5.1.4' })).data.id).toBe(draft.id);
    expect((await octokit.rest.repos.getLatestRelease({ owner, repo })).data.id).toBe(draft.id);

    // The asset's bytes come back with accept: application/octet-stream.
    const download = await octokit.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
      owner,
      repo,
      asset_id: asset.id,
      headers: { accept: 'application/octet-stream' },
    });
    expect(Buffer.from(download.data as unknown as ArrayBuffer).toString()).toBe('payload');
  });

  it('refuses a second published release for a tag with already_exists', async () => {
    const { repo } = await newRepo();
    await octokit.rest.repos.createRelease({ owner, repo, tag_name: '4.3.9' });
    const err = await status(octokit.rest.repos.createRelease({ owner, repo, tag_name: '4.3.9' }));
    expect(err.status).toBe(422);
    expect(err.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
    });
    // A draft for the same tag is allowed (drafts hold no tag), publishing it is not.
    const { data: draft } = await octokit.rest.repos.createRelease({ owner, repo, tag_name: '4.3.9', draft: true });
    expect(
      (await status(octokit.rest.repos.updateRelease({ owner, repo, release_id: draft.id, draft: false }))).status,
    ).toBe(422);
  });

  it('serialises concurrent creations: one run wins, the other gets already_exists', async () => {
    const { repo } = await newRepo();
    const results = await Promise.allSettled([
      octokit.rest.repos.createRelease({ owner, repo, tag_name: '7.0.0' }),
      octokit.rest.repos.createRelease({ owner, repo, tag_name: '7.0.0' }),
    ]);
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value.status : (r.reason as { status: number }).status)).sort(),
    ).toEqual([201, 422]);
    expect(double.state.releases(`${owner}/${repo}`)).toHaveLength(1);
  });

  it('uses an existing annotated tag as is, and refuses an unknown target', async () => {
    const { fixture, repo, main } = await newRepo();
    const tag = await octokit.rest.git.createTag({
      owner,
      repo,
      tag: '4.3.10',
      message: '4.3.10',
      object: main,
      type: 'commit',
    });
    await octokit.rest.git.createRef({ owner, repo, ref: 'refs/tags/4.3.10', sha: tag.data.sha });
    await octokit.rest.repos.createRelease({
      owner,
      repo,
      tag_name: '4.3.10',
      target_commitish: 'does-not-matter-when-tagged',
    });
    expect(await fixture.git('cat-file', '-t', 'refs/tags/4.3.10')).toBe('tag');
    const err = await status(
      octokit.rest.repos.createRelease({ owner, repo, tag_name: '4.3.11', target_commitish: 'no-such-branch' }),
    );
    expect(err.data.errors).toEqual([{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]);
  });

  it('keeps the latest mark where make_latest puts it; prereleases and drafts are never latest', async () => {
    const { fixture, repo } = await newRepo();
    const first = await octokit.rest.repos.createRelease({ owner, repo, tag_name: '1.0.0' });
    await fixture.commit('main', 'second');
    await octokit.rest.repos.createRelease({ owner, repo, tag_name: '1.1.0b1', prerelease: true });
    await octokit.rest.repos.createRelease({ owner, repo, tag_name: '1.0.1', make_latest: 'false' });
    await octokit.rest.repos.createRelease({ owner, repo, tag_name: '2.0.0', draft: true });
    expect((await octokit.rest.repos.getLatestRelease({ owner, repo })).data.id).toBe(first.data.id);

    const third = await octokit.rest.repos.createRelease({ owner, repo, tag_name: '1.1.0' });
    expect((await octokit.rest.repos.getLatestRelease({ owner, repo })).data.id).toBe(third.data.id);
    await octokit.rest.repos.updateRelease({ owner, repo, release_id: first.data.id, make_latest: 'true' });
    expect(double.state.latestRelease(`${owner}/${repo}`)?.tagName).toBe('1.0.0');
  });

  it('lists newest first with Link pagination that Octokit follows', async () => {
    const { repo } = await newRepo();
    for (const v of ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '1.0.4'])
      await octokit.rest.repos.createRelease({ owner, repo, tag_name: v });
    const page = await octokit.rest.repos.listReleases({ owner, repo, per_page: 2 });
    expect(page.data.map((r) => r.tag_name)).toEqual(['1.0.4', '1.0.3']);
    expect(page.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.repos.listReleases, { owner, repo, per_page: 2 });
    expect(all.map((r) => r.tag_name)).toEqual(['1.0.4', '1.0.3', '1.0.2', '1.0.1', '1.0.0']);
  });

  it('deletes a release (the tag stays, as on GitHub) and its assets', async () => {
    const { fixture, repo } = await newRepo();
    const { data: rel } = await octokit.rest.repos.createRelease({ owner, repo, tag_name: '3.0.0' });
    const { data: asset } = await octokit.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: rel.id,
      url: rel.upload_url,
      name: 'a.txt',
      data: 'a',
    });
    await octokit.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: asset.id });
    expect((await octokit.rest.repos.listReleaseAssets({ owner, repo, release_id: rel.id })).data).toEqual([]);
    await octokit.rest.repos.deleteRelease({ owner, repo, release_id: rel.id });
    expect((await status(octokit.rest.repos.getRelease({ owner, repo, release_id: rel.id }))).status).toBe(404);
    expect((await status(octokit.rest.repos.getLatestRelease({ owner, repo }))).status).toBe(404);
    expect(await fixture.git('tag', '--list')).toBe('3.0.0');
  });

  it('locks the assets of a published release when the repository has immutable releases', async () => {
    const { repo } = await newRepo({ immutableReleases: true });
    const { data: draft } = await octokit.rest.repos.createRelease({ owner, repo, tag_name: '6.0.0', draft: true });
    await octokit.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: draft.id,
      url: draft.upload_url,
      name: 'a.txt',
      data: 'a',
    });
    const { data: published } = await octokit.rest.repos.updateRelease({
      owner,
      repo,
      release_id: draft.id,
      draft: false,
    });
    expect(published.immutable).toBe(true);
    const err = await status(
      octokit.rest.repos.uploadReleaseAsset({
        owner,
        repo,
        release_id: draft.id,
        url: draft.upload_url,
        name: 'b.txt',
        data: 'b',
      }),
    );
    expect(err.status).toBe(422);
    expect(err.data.message).toMatch(/immutable/);
  });
});

describe('generate-release-notes', () => {
  it('lists the pull requests that landed between two real tags; a commit pushed without one is not listed', async () => {
    const { fixture, repo } = await newRepo();
    await octokit.rest.repos.createRelease({ owner, repo, tag_name: '1.0.0' });
    await fixture.commit('feature', 'Add spawn.sh check', {
      from: 'main',
      author: 'Shutdown <1234+ShutdownRepo@users.noreply.github.com>',
    });
    const pr = await octokit.rest.pulls.create({ owner, repo, head: 'feature', base: 'main', title: 'Spawn check' });
    await octokit.rest.pulls.merge({ owner, repo, pull_number: pr.data.number });
    await fixture.commit('main', 'Fix typo', { author: 'Dwight <dwight@example.com>' });
    await fixture.git('tag', '1.1.0', 'main');

    const notes = await octokit.rest.repos.generateReleaseNotes({
      owner,
      repo,
      tag_name: '1.1.0',
      previous_tag_name: '1.0.0',
    });
    expect(notes.data.name).toBe('1.1.0');
    expect(notes.data.body).toBe(
      [
        "## What's Changed",
        `* Spawn check by @github-actions[bot] in https://github.com/${owner}/${repo}/pull/${pr.data.number}`,
        '',
        '## New Contributors',
        `* @github-actions[bot] made their first contribution in https://github.com/${owner}/${repo}/pull/${pr.data.number}`,
        '',
        `**Full Changelog**: https://github.com/${owner}/${repo}/compare/1.0.0...1.1.0`,
      ].join('\n'),
    );
    // Without previous_tag_name GitHub picks the previous release; here the same one.
    const auto = await octokit.rest.repos.generateReleaseNotes({ owner, repo, tag_name: '1.1.0' });
    expect(auto.data.body).toBe(notes.data.body);
  });

  it('with no pull request in the range, only the changelog link; fills the body on create', async () => {
    const { fixture, repo } = await newRepo();
    await fixture.commit('main', 'Second commit');
    const { data } = await octokit.rest.repos.createRelease({
      owner,
      repo,
      tag_name: '0.1.0',
      generate_release_notes: true,
    });
    expect(data.name).toBe('0.1.0');
    expect(data.body).toBe(`**Full Changelog**: https://github.com/${owner}/${repo}/commits/0.1.0`);
  });

  it('a contributor already merged before the previous release is not new', async () => {
    const { fixture, repo } = await newRepo();
    const maintainer = getOctokit('maintainer', { baseUrl: double.url });
    await fixture.commit('one', 'First change', { from: 'main' });
    const first = await maintainer.rest.pulls.create({ owner, repo, head: 'one', base: 'main', title: 'First change' });
    await maintainer.rest.pulls.merge({ owner, repo, pull_number: first.data.number });
    await octokit.rest.repos.createRelease({ owner, repo, tag_name: '1.0.0' });
    await fixture.commit('two', 'Second change', { from: 'main' });
    const second = await maintainer.rest.pulls.create({
      owner,
      repo,
      head: 'two',
      base: 'main',
      title: 'Second change',
    });
    await maintainer.rest.pulls.merge({ owner, repo, pull_number: second.data.number });
    const { data } = await octokit.rest.repos.generateReleaseNotes({
      owner,
      repo,
      tag_name: '1.1.0',
      target_commitish: 'main',
    });
    expect(data.body).toBe(
      `## What's Changed\n* Second change by @Dramelac in https://github.com/${owner}/${repo}/pull/${second.data.number}\n\n**Full Changelog**: https://github.com/${owner}/${repo}/compare/1.0.0...1.1.0`,
    );
  });
});
