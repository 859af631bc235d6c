// PEP 440 as a whole (rc, a, b, post, dev and the spellings PEP 440 normalises), checked as
// properties over generated versions: what the model writes it reads back the same, and it
// orders versions exactly as @renovatebot/pep440, the reference implementation it builds on.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import * as pep440 from '@renovatebot/pep440';
import {
  compareVersions,
  formatVersion,
  hasLeadingZeros,
  nextPrerelease,
  parseVersion,
  type PreKind,
  type VersionParts,
} from './index';

const num = fc.integer({ min: 0, max: 30 });
const parts: fc.Arbitrary<VersionParts> = fc.record({
  major: num,
  minor: num,
  patch: num,
  pre: fc.option(fc.record({ kind: fc.constantFrom<PreKind>('a', 'b', 'rc'), number: num }), { nil: null }),
  post: fc.option(num, { nil: null }),
  dev: fc.option(num, { nil: null }),
});

// The spellings PEP 440 accepts for each marker, with its separators.
const SEP = fc.constantFrom('', '.', '-', '_');
const PRE_SPELLING: Record<PreKind, string[]> = {
  a: ['a', 'alpha', 'A', 'ALPHA'],
  b: ['b', 'beta', 'B'],
  rc: ['rc', 'c', 'pre', 'preview', 'RC'],
};
const POST_SPELLING = ['post', 'rev', 'r', 'POST'];

/** A version written in any of PEP 440's spellings, with the parts it means. */
const written: fc.Arbitrary<{ text: string; parts: VersionParts }> = parts.chain((p) =>
  fc
    .record({
      preSpelling: fc.constantFrom(...PRE_SPELLING[p.pre?.kind ?? 'a']),
      postSpelling: fc.constantFrom(...POST_SPELLING),
      seps: fc.array(SEP, { minLength: 6, maxLength: 6 }),
    })
    .map(({ preSpelling, postSpelling, seps }) => {
      let text = `${p.major}.${p.minor}.${p.patch}`;
      if (p.pre) text += `${seps[0]}${preSpelling}${seps[1]}${p.pre.number}`;
      // "-N" without a label is refused on purpose (it reads as semver), so the label is always there.
      if (p.post != null) text += `${seps[2]}${postSpelling}${seps[3]}${p.post}`;
      if (p.dev != null) text += `${seps[4]}dev${seps[5]}${p.dev}`;
      return { text, parts: p };
    }),
);

const RUNS = { numRuns: 300, seed: 440 };

describe('PEP 440 properties (fast-check)', () => {
  test('parse → format → parse gives the same version, and the canonical text is a fixed point', () => {
    fc.assert(
      fc.property(written, ({ text, parts: p }) => {
        const v = parseVersion(text, 'pep440');
        expect({ major: v.major, minor: v.minor, patch: v.patch, pre: v.pre, post: v.post, dev: v.dev }).toEqual({
          ...p,
          pre: p.pre ? { ...p.pre } : null,
        });
        const formatted = formatVersion(v, 'pep440');
        expect(formatted).toBe(v.normalized);
        expect(formatted).toBe(pep440.clean(text));
        const again = parseVersion(formatted, 'pep440');
        expect(again.normalized).toBe(formatted);
        expect(compareVersions(again, v)).toBe(0);
        expect(again.isPrerelease).toBe(p.pre !== null || p.dev != null);
      }),
      RUNS,
    );
  });

  test('orders any two versions exactly as @renovatebot/pep440 does', () => {
    fc.assert(
      fc.property(written, written, (a, b) => {
        expect(compareVersions(parseVersion(a.text, 'pep440'), parseVersion(b.text, 'pep440'))).toBe(
          Math.sign(pep440.compare(a.text, b.text)),
        );
      }),
      RUNS,
    );
  });

  test('the next pre-release always sorts above the version it follows, or is refused', () => {
    fc.assert(
      fc.property(
        written,
        fc.constantFrom<PreKind>('a', 'b', 'rc'),
        fc.constantFrom<'patch' | 'minor' | 'major'>('patch', 'minor', 'major'),
        (w, pre, part) => {
          const v = parseVersion(w.text, 'pep440');
          let next: string;
          try {
            next = nextPrerelease(v, { pre, part });
          } catch (e) {
            // Only a step back to a lower kind in the same release is refused.
            expect(String(e)).toMatch(/would sort before it/);
            return;
          }
          expect(pep440.gt(next, v.normalized)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  test('a number with a leading zero is seen, a canonical one never', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const canonical = formatVersion(p, 'pep440');
        expect(hasLeadingZeros(canonical)).toBe(false);
        const padded = `0${canonical}`;
        expect(hasLeadingZeros(padded)).toBe(true);
        expect(parseVersion(padded, 'pep440').normalized).toBe(canonical);
      }),
      RUNS,
    );
  });
});

describe('release candidates, post-releases and the spellings Exegol meets', () => {
  test.each([
    [
      '5.1.5rc1',
      '5.1.5rc1',
      { pre: { kind: 'rc', number: 1 }, post: null, dev: null, isPrerelease: true, final: '5.1.5' },
    ],
    ['5.1.5RC1', '5.1.5rc1', { isPrerelease: true }],
    ['5.1.5-rc.1', '5.1.5-rc.1', { pre: { kind: 'rc', number: 1 }, isPrerelease: true }],
    ['5.1.4.post1', '5.1.4.post1', { pre: null, post: 1, isPrerelease: false, final: '5.1.4' }],
    ['5.1.4post2', '5.1.4.post2', { post: 2 }],
    ['5.1.4-r3', '5.1.4.post3', { post: 3 }],
    ['5.1.4.post1.dev2', '5.1.4.post1.dev2', { post: 1, dev: 2, isPrerelease: true }],
    ['5.1.5rc1.post1', '5.1.5rc1.post1', { isPrerelease: true }],
    ['05.1.4', '5.1.4', { final: '5.1.4' }],
  ])('%s reads as %s', (raw, normalized, fields) => {
    const v = parseVersion(raw);
    expect(v).toMatchObject({ raw, normalized, ...fields });
    expect(v.scheme).toBe(raw === '5.1.5-rc.1' ? 'semver' : 'pep440');
  });

  test('orders a, b, rc, final and post of one release', () => {
    const order = [
      '5.1.5.dev1',
      '5.1.5a1',
      '5.1.5b1',
      '5.1.5b2',
      '5.1.5rc1.dev1',
      '5.1.5rc1',
      '5.1.5rc2',
      '5.1.5',
      '5.1.5.post1.dev1',
      '5.1.5.post1',
      '5.1.6b1',
    ];
    for (let i = 1; i < order.length; i++)
      expect([order[i - 1], compareVersions(parseVersion(order[i - 1]!), parseVersion(order[i]!))]).toEqual([
        order[i - 1],
        -1,
      ]);
  });

  test('from a release candidate: the next rc, or on to the next release; never back to a beta', () => {
    const rc = parseVersion('5.1.5rc1');
    expect(nextPrerelease(rc, { pre: 'rc' })).toBe('5.1.5rc2');
    expect(nextPrerelease(rc, { pre: 'b', part: 'minor' })).toBe('5.2.0b1');
    expect(() => nextPrerelease(rc, { pre: 'b' })).toThrow('the next "rc" is 5.1.5rc2, or release 5.1.5 first');
    expect(() => nextPrerelease(rc, { pre: 'b' })).not.toThrow(/\bpre "/);
    expect(nextPrerelease(parseVersion('5.1.4.post1'), { pre: 'b' })).toBe('5.1.5b1');
  });

  test('a post-release has no semver spelling', () => {
    expect(() => formatVersion({ major: 5, minor: 1, patch: 4, pre: null, post: 1 }, 'semver')).toThrow(
      /semver has no post releases/,
    );
  });

  test.each([
    ['05.1.4', true],
    ['5.01.4', true],
    ['5.1.04', true],
    ['5.1.5rc01', true],
    ['5.1.4', false],
    ['5.0.0', false],
    ['10.100.0b0', false],
  ])('hasLeadingZeros(%s) is %s', (raw, expected) => {
    expect(hasLeadingZeros(raw)).toBe(expected);
  });
});
