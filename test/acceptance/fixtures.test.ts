// The real-repository fixtures load as the acceptance tests expect: every bundle clones alone, the
// refs and tags are upstream's, and the commits the tests name hold what upstream holds there.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GitSandbox } from '@exegol-actions/testkit/git';
import {
  EXEGOL_RELEASES,
  exegolCommit,
  exegolCommitMap,
  exegolRemote,
  type ExegolRealRelease,
} from '@exegol-actions/testkit/fixtures';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await GitSandbox.create('exegol-fixtures-');
});
afterAll(() => sandbox.cleanup());

describe('wrapper (ThePorgs/Exegol)', () => {
  test('master and dev at the 5.1.4 merge, the real annotated tags, the two version line shapes', async () => {
    const w = await exegolRemote(sandbox, 'wrapper');
    const git = sandbox.git(w.remote);
    expect(await git.out(['symbolic-ref', 'HEAD'])).toBe('refs/heads/master');
    expect(await w.resolve('master')).toBe(w.commit('bc1b9fc'));
    expect(await w.resolve('dev')).toBe(w.commit('bc1b9fc'));
    expect(await w.resolve('5.1.4')).toBe(w.commit('bc1b9fc'));
    expect(await w.resolve('4.3.9')).toBe(w.commit('040a170'));
    expect(await git.out(['cat-file', '-t', '5.1.4'])).toBe('tag');
    expect(await git.out(['cat-file', '-t', '4.3.11'])).toBe('commit');
    expect(await git.out(['for-each-ref', '--format=%(contents:subject)|%(taggername)', 'refs/tags/4.3.9'])).toBe(
      '4.3.9|Dramelac',
    );
    expect(await w.show(w.commit('040a170'), 'exegol/config/ConstantConfig.py')).toMatch(
      /^ {4}version: str = "4\.3\.9"$/m,
    );
    expect(await w.show(w.commit('2b9579a'), 'exegol/config/ConstantConfig.py')).toMatch(
      /^ {4}version: str = "4\.3\.9b1"$/m,
    );
    expect(await w.show(w.commit('bc1b9fc'), 'exegol/config/ConstantConfig.py')).toMatch(/^__version__ = "5\.1\.4"$/m);
    expect(await w.show(w.commit('bc1b9fc'), '.gitmodules')).toContain(
      'url = https://github.com/ThePorgs/Exegol-images.git',
    );
    expect(await git.out(['ls-tree', w.commit('bc1b9fc'), 'exegol-images', 'exegol-resources'])).toMatch(
      /^160000 commit a77a4f4[0-9a-f]+\texegol-images\n160000 commit 336ef51[0-9a-f]+\texegol-resources$/,
    );
    // The merge of the release pull request keeps both parents.
    expect(await git.out(['rev-parse', `${w.commit('bc1b9fc')}^2`])).toBe(w.commit('0b9f455'));
  });
});

describe('images (ThePorgs/Exegol-images)', () => {
  test('main at tag 3.1.15, the release pull request merge, Dockerfiles at the root', async () => {
    const i = await exegolRemote(sandbox, 'images');
    expect(await i.resolve('3.1.15')).toBe(i.commit('4dd9a3db'));
    expect(await i.resolve('main')).toBe(i.commit('4dd9a3db'));
    expect(await i.resolve('3.1.14')).toBe(i.commit('92e4bf21'));
    expect((await i.log('^Release 3\\.1\\.15$')).map((c) => c.sha)).toEqual([i.commit('9d08a70f')]);
    const root = await sandbox.git(i.remote).lines(['ls-tree', '--name-only', 'main']);
    expect(root).toEqual(
      expect.arrayContaining([
        'Dockerfile',
        'ad.dockerfile',
        'light.dockerfile',
        'osint.dockerfile',
        'web.dockerfile',
        'sources',
      ]),
    );
  });
});

describe('docs (ThePorgs/Exegol-docs)', () => {
  test('the 231 tools-list commits of the VitePress era', async () => {
    const d = await exegolRemote(sandbox, 'docs');
    const commits = await d.log('^PIPELINE: tools list for ', ['--all', '--', 'docs/src/public/installed_tools']);
    expect(commits).toHaveLength(231);
    expect(exegolCommitMap('docs').size).toBe(394);
  });
});

describe('resources (ThePorgs/Exegol-resources)', () => {
  test('the list, the update script, .gitmodules and 18 submodule gitlinks; no downloaded file', async () => {
    const r = await exegolRemote(sandbox, 'resources');
    const tree = await sandbox.git(r.remote).lines(['ls-tree', '-r', 'main']);
    expect(tree.filter((l) => l.startsWith('160000 '))).toHaveLength(18);
    expect(tree.filter((l) => !l.startsWith('160000 ')).map((l) => l.split('\t')[1])).toEqual([
      '.github/workflows/export_list_to_doc.yml',
      '.github/workflows/update_resources.yml',
      '.gitmodules',
      'LICENSE.md',
      'README.md',
      'resources_list.csv',
      'update-resources.sh',
    ]);
    expect((await r.show('main', 'resources_list.csv')).split('\n')[0]).toBe('Resource,Link,Description');
  });
});

test('an upstream id the bundle does not keep is an error, not another commit', () => {
  expect(() => exegolCommit('wrapper', '28e2ce5')).not.toThrow();
  // 4.3.6, before the cut.
  expect(() => exegolCommit('wrapper', '5aa7e1e')).toThrow(
    /no commit of ThePorgs\/Exegol kept in wrapper.bundle starts with 5aa7e1e/,
  );
  expect(() => exegolCommit('wrapper', 'xyz')).toThrow(/not an abbreviated commit id/);
});

describe.each([
  ...Object.values(EXEGOL_RELEASES.wrapper).map((r) => ['wrapper', r.version, r] as const),
  ...Object.values(EXEGOL_RELEASES.images).map((r) => ['images', r.version, r] as const),
])('EXEGOL_RELEASES: %s %s', (name, _version, real: ExegolRealRelease) => {
  test('names the commits the bundle holds: the merge of the pull request, the tag, the betas', async () => {
    const r = await exegolRemote(sandbox, name, `releases-${name}-${real.version}`);
    const git = sandbox.git(r.remote);
    const merge = r.commit(real.merge);
    expect(await git.out(['log', '-1', '--format=%P%n%B', merge])).toBe(
      `${r.commit(real.releaseBefore)} ${r.commit(real.devHead)}\nMerge pull request #${real.pr} from ThePorgs/dev\n\n${real.title}`,
    );
    expect(await r.resolve(real.version)).toBe(r.commit(real.tagged));
    expect(await git.isAncestor(merge, r.commit(real.tagged))).toBe(true);
    // Every tag upstream had then, and only those, is in the pull request's merge.
    const tags = await git.lines(['tag', '--list', '--sort=v:refname', '--merged', merge]);
    expect(tags.filter((t) => t !== real.version)).toEqual([...real.tagsBefore]);
    expect(real.tagsBefore.at(-1)).toBe(real.previous);
    for (const beta of real.betas) {
      expect(await git.isAncestor(r.commit(beta), r.commit(real.devHead))).toBe(true);
      expect(await r.show(r.commit(beta), 'exegol/config/ConstantConfig.py')).toMatch(
        new RegExp(`"${real.version.replace(/\./g, '\\.')}b\\d+"`),
      );
    }
  });
});
