// highestVersionTag: the one "previous release" search, for both meanings of which tags count
// (merged into HEAD, or any tag), checked on examples and, as properties, against a plain sort.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  compareVersions,
  formatVersion,
  highestVersionTag,
  parseVersion,
  parseVersionTag,
  type PreKind,
  type PreviousTagCandidates,
  type VersionParts,
} from './index';

describe('highestVersionTag on examples', () => {
  const tags = ['4.3.4', 'v9.9.9', '4.3.6b1', 'latest', '4.3.5', '4.3.5.post1', 'nightly-1a2b3c4d', '4.0-dev'];

  test('reads the same list the same way whichever meaning names it', () => {
    expect(highestVersionTag({ mergedIntoHead: tags })?.tag).toBe('4.3.6b1');
    expect(highestVersionTag({ anyTag: tags })?.tag).toBe('4.3.6b1');
  });

  test('stable only skips pre-releases; a post-release is stable', () => {
    expect(highestVersionTag({ anyTag: tags }, { stableOnly: true })?.tag).toBe('4.3.5.post1');
    expect(highestVersionTag({ anyTag: ['4.3.6.dev1', '4.3.5'] }, { stableOnly: true })?.tag).toBe('4.3.5');
  });

  test('below is strict', () => {
    const below = parseVersion('4.3.5.post1');
    expect(highestVersionTag({ anyTag: tags }, { below })?.tag).toBe('4.3.5');
    expect(highestVersionTag({ anyTag: ['4.3.5'] }, { below: parseVersion('4.3.5') })).toBeNull();
  });

  test('excepted tags never count, compared as written', () => {
    expect(highestVersionTag({ mergedIntoHead: tags }, { except: ['4.3.6b1'] })?.tag).toBe('4.3.5.post1');
    expect(highestVersionTag({ mergedIntoHead: ['v1.0.0', 'v1.1.0'] }, { prefix: 'v', except: ['1.1.0'] })?.tag).toBe(
      'v1.1.0',
    );
  });

  test('the prefix is removed before reading, and a tag without it is not a version tag', () => {
    const found = highestVersionTag({ anyTag: tags }, { prefix: 'v' });
    expect(found?.tag).toBe('v9.9.9');
    expect(found?.version.normalized).toBe('9.9.9');
  });

  test('the scheme is the one asked for', () => {
    const mixed = ['4.3.6b1', '4.3.5'];
    expect(highestVersionTag({ anyTag: mixed })?.tag).toBe('4.3.6b1');
    expect(highestVersionTag({ anyTag: mixed }, { scheme: 'semver' })?.tag).toBe('4.3.5');
  });

  test('of tags naming the same version, the first listed wins', () => {
    expect(highestVersionTag({ anyTag: ['4.3', '4.3.0'] })?.tag).toBe('4.3');
    expect(highestVersionTag({ anyTag: ['4.3.0', '4.3'] })?.tag).toBe('4.3.0');
  });

  test('null when nothing qualifies', () => {
    expect(highestVersionTag({ mergedIntoHead: [] })).toBeNull();
    expect(highestVersionTag({ anyTag: ['latest', 'nightly'] })).toBeNull();
  });
});

const num = fc.integer({ min: 0, max: 6 });
const parts: fc.Arbitrary<VersionParts> = fc.record({
  major: num,
  minor: num,
  patch: num,
  pre: fc.option(fc.record({ kind: fc.constantFrom<PreKind>('a', 'b', 'rc'), number: num }), { nil: null }),
  post: fc.option(num, { nil: null }),
  dev: fc.option(num, { nil: null }),
});
const tag = fc.oneof(
  parts.map((p) => formatVersion(p, 'pep440')),
  parts.map((p) => `v${formatVersion(p, 'pep440')}`),
  fc.constantFrom('latest', 'nightly-1a2b3c4d', '4.0-dev', 'v', ''),
);
const options = fc.record(
  {
    prefix: fc.constantFrom('', 'v'),
    below: parts.map((p) => parseVersion(formatVersion(p, 'pep440'))),
    stableOnly: fc.boolean(),
  },
  { requiredKeys: [] },
);
const RUNS = { numRuns: 300, seed: 14 };

describe('highestVersionTag properties (fast-check)', () => {
  test('for either meaning, it is the first tag of the highest qualifying version', () => {
    fc.assert(
      fc.property(
        fc.array(tag, { maxLength: 12 }),
        fc.subarray(['latest', '1.0.0']),
        options,
        fc.boolean(),
        (tags, except, opts, merged) => {
          const candidates: PreviousTagCandidates = merged ? { mergedIntoHead: tags } : { anyTag: tags };
          const found = highestVersionTag(candidates, { ...opts, except });

          // The same answer the long way: every qualifying tag, the highest, the first of equals.
          const qualifying = tags
            .filter((t) => !except.includes(t))
            .map((t) => ({ tag: t, version: parseVersionTag(t, opts.prefix) }))
            .filter((c) => c.version !== null)
            .filter((c) => !(opts.stableOnly && c.version!.isPrerelease))
            .filter((c) => !opts.below || compareVersions(c.version!, opts.below) < 0);
          if (qualifying.length === 0) {
            expect(found).toBeNull();
            return;
          }
          const top = qualifying.reduce((a, b) => (compareVersions(b.version!, a.version!) > 0 ? b : a));
          expect(found?.tag).toBe(top.tag);
          expect(found && compareVersions(found.version, top.version!)).toBe(0);
          for (const c of qualifying) expect(compareVersions(c.version!, found!.version)).toBeLessThanOrEqual(0);
        },
      ),
      RUNS,
    );
  });

  test('the two meanings differ only in which tags the caller gives', () => {
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 12 }), options, (tags, opts) => {
        expect(highestVersionTag({ mergedIntoHead: tags }, opts)).toEqual(highestVersionTag({ anyTag: tags }, opts));
      }),
      RUNS,
    );
  });

  test('a tag merged into HEAD is also a tag of the repository: the merged answer is never above the any-tag answer', () => {
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 12 }), fc.array(tag, { maxLength: 6 }), options, (merged, other, opts) => {
        const all = [...merged, ...other];
        const fromMerged = highestVersionTag({ mergedIntoHead: merged }, opts);
        const fromAny = highestVersionTag({ anyTag: all }, opts);
        if (fromMerged) {
          expect(fromAny).not.toBeNull();
          expect(compareVersions(fromMerged.version, fromAny!.version)).toBeLessThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });
});
