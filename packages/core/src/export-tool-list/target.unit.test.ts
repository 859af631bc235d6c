// The key and paths of a publication, from the inputs: what is accepted, and what each refusal says.
import { describe, expect, test } from '@jest/globals';
import { normalizeBuildDate, resolveToolsTarget, type ToolsTargetInput } from './target.ts';

const base: ToolsTargetInput = {
  channel: 'release',
  profile: 'full',
  version: '3.1.18',
  arch: 'amd64',
  buildDate: '',
  toolsDir: '',
  listFile: '',
  indexFile: '',
  linkPrefix: '/installed_tools/',
};

describe('normalizeBuildDate', () => {
  test.each([
    ['2026-06-24T20:45:25Z', '2026-06-24T20:45:25Z'],
    ['2026-06-24T20:45:25.123Z', '2026-06-24T20:45:25Z'],
    ['2026-06-24T22:45:25+02:00', '2026-06-24T20:45:25Z'],
    ['2026-06-25T01:15:25+0430', '2026-06-24T20:45:25Z'],
    ['2026-06-24T20:45Z', '2026-06-24T20:45:00Z'],
  ])('%s → %s', (given, expected) => expect(normalizeBuildDate(given)).toBe(expected));

  test.each(['2026-06-24', '2026-06-24T20:45:25', '2026-02-31T00:00:00Z', '2026-06-24T25:00:00Z', 'yesterday', ''])(
    'refuses %j',
    (given) => {
      expect(normalizeBuildDate(given)).toBeNull();
    },
  );
});

describe('resolveToolsTarget', () => {
  test('release defaults match the docs today', () => {
    const t = resolveToolsTarget(base);
    expect(t).toMatchObject({
      key: 'full_3.1.18_amd64',
      listPath: 'docs/src/public/installed_tools/lists/full_3.1.18_amd64.csv',
      indexPath: 'docs/src/public/installed_tools/releases_amd64.csv',
      link: '/installed_tools/lists/full_3.1.18_amd64.csv',
    });
    expect(t.listPathFor('3.1.17')).toBe('docs/src/public/installed_tools/lists/full_3.1.17_amd64.csv');
  });

  test('nightly: the commit cut to 8 characters, one list per arch', () => {
    const t = resolveToolsTarget({
      ...base,
      channel: 'nightly',
      profile: '',
      version: 'AD8A5C77e0f1b2c3d4e5f60718293a4b5c6d7e8f',
      arch: 'arm64',
    });
    expect(t).toMatchObject({
      profile: 'nightly',
      version: 'ad8a5c77',
      key: 'nightly_ad8a5c77_arm64',
      listPath: 'docs/src/public/installed_tools/lists/latest_nightly_arm64.csv',
      indexPath: 'docs/src/public/installed_tools/nightly.csv',
      link: '/installed_tools/lists/latest_nightly_arm64.csv',
    });
  });

  test('custom paths fill their placeholders', () => {
    const t = resolveToolsTarget({
      ...base,
      toolsDir: 'site/tools/',
      listFile: '{arch}/{profile}-{version}.csv',
      indexFile: 'index-{arch}.csv',
      linkPrefix: '/tools',
    });
    expect(t).toMatchObject({
      listPath: 'site/tools/amd64/full-3.1.18.csv',
      indexPath: 'site/tools/index-amd64.csv',
      link: '/tools/amd64/full-3.1.18.csv',
    });
  });

  test.each<[Partial<ToolsTargetInput>, string]>([
    [{ version: '3.1' + '.x' }, 'Input "version": "3.1.x" is not a valid version'],
    [{ version: 'v3.1.18' }, 'Input "version": "v3.1.18" is not a valid version'],
    [{ version: '4.0-dev' }, 'Input "version": "4.0-dev" is not a valid version'],
    [{ version: '3.1.18B1' }, 'Input "version": "3.1.18B1" is not written canonically: write 3.1.18b1'],
    [{ channel: 'nightly', profile: '', version: 'main' }, 'Input "version": "main" is not a commit'],
    [{ channel: 'nightly', profile: 'full', version: 'ad8a5c77' }, 'Input "profile": is "full" on the nightly channel'],
    [{ profile: '' }, 'Input "profile": is required on the release channel'],
    [{ profile: 'Full,1' }, 'Input "profile": "Full,1" is not an image profile'],
    [{ arch: 'x86 64' }, 'Input "arch": "x86 64" is not an architecture'],
    [{ listFile: '../../escape.csv' }, 'Input "list-file": "../../escape.csv" gives'],
    [{ listFile: 'lists/{tag}.csv' }, 'Input "list-file": "lists/{tag}.csv" uses the unknown placeholder {tag}'],
    [{ indexFile: 'lists/{profile}_{version}_{arch}.csv' }, 'Input "list-file": and index-file are the same file'],
    [{ toolsDir: '../elsewhere' }, 'Input "tools-dir": "../elsewhere" is not a path inside the docs checkout'],
  ])('refuses %j', (change, message) => {
    expect(() => resolveToolsTarget({ ...base, ...change })).toThrow(message);
  });
});
