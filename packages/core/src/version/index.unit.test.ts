import { describe, expect, test } from '@jest/globals';

import {
  compareVersions,
  formatVersion,
  parseVersionTag,
  nextPrerelease,
  parseVersion,
  sameVersion,
  tryParseVersion,
  VersionError,
  type BumpOptions,
  type PreKind,
  type Scheme,
  type Version,
} from './index';

type Fields = Omit<Version, 'raw'>;

function fields(
  scheme: Scheme,
  normalized: string,
  [major, minor, patch]: [number, number, number],
  pre: Version['pre'] = null,
  dev: number | null = null,
): Fields {
  return {
    scheme,
    normalized,
    major,
    minor,
    patch,
    pre,
    post: null,
    dev,
    isPrerelease: pre !== null || dev !== null,
    final: `${major}.${minor}.${patch}`,
  };
}

// Deterministic, so a failing shuffle or random case can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('parseVersion', () => {
  // Every value seen in Exegol's history (exegol-facts.md, Wrapper and Images).
  test.each<[string, Fields]>([
    ['4.3.5', fields('pep440', '4.3.5', [4, 3, 5])],
    ['4.3.6b1', fields('pep440', '4.3.6b1', [4, 3, 6], { kind: 'b', number: 1 })],
    ['4.3.10b2', fields('pep440', '4.3.10b2', [4, 3, 10], { kind: 'b', number: 2 })],
    ['5.1.2b1', fields('pep440', '5.1.2b1', [5, 1, 2], { kind: 'b', number: 1 })],
    ['4.2.1b0', fields('pep440', '4.2.1b0', [4, 2, 1], { kind: 'b', number: 0 })],
    ['4.0.0a1', fields('pep440', '4.0.0a1', [4, 0, 0], { kind: 'a', number: 1 })],
    ['5.1.4', fields('pep440', '5.1.4', [5, 1, 4])],
  ])('Exegol value %s', (raw, expected) => {
    expect(parseVersion(raw)).toEqual({ raw, ...expected });
    expect(parseVersion(raw, 'pep440')).toEqual({ raw, ...expected });
  });

  test.each<[string, Fields]>([
    ['1.2.3', fields('semver', '1.2.3', [1, 2, 3])],
    ['1.2.3-beta.1', fields('semver', '1.2.3-beta.1', [1, 2, 3], { kind: 'b', number: 1 })],
    ['2.0.0-rc.1', fields('semver', '2.0.0-rc.1', [2, 0, 0], { kind: 'rc', number: 1 })],
    ['1.0.0-alpha.0', fields('semver', '1.0.0-alpha.0', [1, 0, 0], { kind: 'a', number: 0 })],
  ])('semver %s', (raw, expected) => {
    expect(parseVersion(raw, 'semver')).toEqual({ raw, ...expected });
  });

  // auto reads a strictly semver pre-release (alpha/beta/rc.N) as semver, so a project that
  // writes 1.2.3-beta.1 gets 1.2.3-beta.2 next; it still means the same as PEP 440 1.2.3b1.
  test.each([
    ['1.2.3', 'pep440', '1.2.3'],
    ['1.2.3-beta.1', 'semver', '1.2.3-beta.1'],
    ['2.0.0-rc.1', 'semver', '2.0.0-rc.1'],
  ])('auto reads %s as %s %s', (raw, scheme, normalized) => {
    const v = parseVersion(raw);
    expect(v.scheme).toBe(scheme);
    expect(v.normalized).toBe(normalized);
    expect(sameVersion(v, parseVersion(raw, 'pep440'))).toBe(true);
  });

  // PEP 440's own normalisation rules (https://peps.python.org/pep-0440/#normalization):
  // separators ".", "-", "_" around pre/dev markers are dropped or canonicalised, spellings
  // alpha/beta/c/pre/preview become a/b/rc, case is folded, leading zeros are dropped.
  // A short release keeps its canonical spelling but `final` is padded.
  test.each<[string, string, string]>([
    ['4.3.6.b1', '4.3.6b1', '4.3.6'],
    ['4.3.6-b1', '4.3.6b1', '4.3.6'],
    ['4.3.6_b_1', '4.3.6b1', '4.3.6'],
    ['4.3.6B1', '4.3.6b1', '4.3.6'],
    ['4.3.6alpha3', '4.3.6a3', '4.3.6'],
    ['4.3.6c1', '4.3.6rc1', '4.3.6'],
    ['4.3.6pre2', '4.3.6rc2', '4.3.6'],
    ['4.3.6preview2', '4.3.6rc2', '4.3.6'],
    ['4.3.6-dev1', '4.3.6.dev1', '4.3.6'],
    ['4.3.6b1-dev2', '4.3.6b1.dev2', '4.3.6'],
    ['04.03.006', '4.3.6', '4.3.6'],
    ['4.3', '4.3', '4.3.0'],
    ['4', '4', '4.0.0'],
  ])('normalises %s to %s (final %s)', (raw, normalized, final) => {
    const v = parseVersion(raw);
    expect(v).toMatchObject({ raw, scheme: 'pep440', normalized, final });
    expect(parseVersion(normalized)).toMatchObject({ normalized, final });
  });

  test('dev releases are pre-releases', () => {
    expect(parseVersion('4.3.6.dev1')).toMatchObject({ pre: null, dev: 1, isPrerelease: true });
    expect(parseVersion('4.3.6b1.dev2')).toMatchObject({ pre: { kind: 'b', number: 1 }, dev: 2, isPrerelease: true });
  });

  test('gives back a frozen value', () => {
    const v = parseVersion('4.3.6b1');
    expect(Object.isFrozen(v)).toBe(true);
    expect(Object.isFrozen(v.pre)).toBe(true);
  });

  test('says exactly what is wrong with the junk value 4.0-dev', () => {
    expect(() => parseVersion('4.0-dev')).toThrow(
      new VersionError(
        '"4.0-dev" is not a valid version: "dev" needs a number (like 4.3.6.dev1); ' +
          'expected PEP 440 like 4.3.6 or 4.3.6b1 (or semver like 1.2.3-beta.1)',
      ),
    );
  });

  test.each<[string, Scheme | 'auto', RegExp]>([
    ['4.0-dev', 'auto', /needs a number/],
    ['4.0-dev', 'pep440', /needs a number/],
    ['', 'auto', /it is empty/],
    [' 4.3.5', 'auto', /whitespace/],
    ['4.3.5 ', 'auto', /whitespace/],
    ['4.3.5\n', 'auto', /whitespace/],
    [' 1.2.3', 'semver', /whitespace/],
    ['v4.3.5', 'auto', /starts with "v"/],
    ['V4.3.5', 'auto', /starts with "v"/],
    ['v1.2.3', 'semver', /starts with "v"/],
    ['4.3.5+local', 'auto', /local versions/],
    ['1.2.3+build.5', 'semver', /build metadata/],
    ['1!4.3.5', 'auto', /epochs/],
    ['4.3.5.1', 'auto', /4 parts, at most 3/],
    ['4.3.5.post', 'auto', /"post" needs a number/],
    ['4.3.5.1', 'pep440', /4 parts/],
    ['4.3.6b', 'auto', /pre-release "b" needs a number/],
    ['4.3.5-1', 'auto', /semver pre-release "1" is not supported/],
    ['4.3.5-1', 'pep440', /implicit post-release "-1" .*write \.post1/],
    ['1.2.3-x.7', 'auto', /semver pre-release "x.7" is not supported/],
    ['1.2.3-beta', 'semver', /semver pre-release "beta" is not supported/],
    ['1.2.3-beta.1.2', 'semver', /"beta.1.2" is not supported/],
    ['1.2.3-Beta.1', 'semver', /"Beta.1" is not supported/],
    ['4.3.6b1', 'semver', /expected semver like 1.2.3 or 1.2.3-beta.1$/],
    ['1.2', 'semver', /expected semver/],
    ['99999999999999999999.0.0', 'auto', /too large/],
    ['latest', 'auto', /expected PEP 440/],
    ['nightly-1a2b3c4d', 'auto', /expected PEP 440/],
    ['4.3 .5', 'auto', /expected PEP 440/],
  ])('refuses %j (%s)', (raw, scheme, reason) => {
    let thrown: unknown;
    try {
      parseVersion(raw, scheme);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VersionError);
    expect((thrown as Error).message.startsWith(`${JSON.stringify(raw)} is not a valid version: `)).toBe(true);
    expect((thrown as Error).message).toMatch(reason);
    expect(tryParseVersion(raw, scheme)).toBeNull();
  });

  test('refuses a non-string with a VersionError rather than crashing', () => {
    expect(() => parseVersion(undefined as unknown as string)).toThrow(VersionError);
    expect(() => parseVersion(4.3 as unknown as string)).toThrow(/expected a string, got number/);
  });

  test('refuses an unknown scheme as a programming error', () => {
    expect(() => parseVersion('4.3.5', 'calver' as Scheme)).toThrow(TypeError);
    expect(() => parseVersion('4.3.5', 'toString' as Scheme)).toThrow(TypeError);
  });
});

describe('compareVersions and sameVersion', () => {
  const byVersion = (a: Version, b: Version) => compareVersions(a, b);

  test.each<[Scheme | 'auto', string[]]>([
    [
      'auto',
      [
        '4.0.0a1',
        '4.2.1b0',
        '4.3.5',
        '4.3.6.dev1',
        '4.3.6a1',
        '4.3.6b1.dev1',
        '4.3.6b1',
        '4.3.6b2',
        '4.3.6rc1',
        '4.3.6',
        '4.3.7b1',
        '4.3.9',
        '4.3.10b2',
        '4.3.10',
        '5.1.2b1',
        '5.1.4',
      ],
    ],
    [
      'semver',
      [
        '1.2.3-alpha.1',
        '1.2.3-alpha.2',
        '1.2.3-beta.1',
        '1.2.3-beta.2',
        '1.2.3-beta.10',
        '1.2.3-rc.1',
        '1.2.3',
        '1.2.4-beta.1',
        '1.10.0',
        '2.0.0-rc.1',
        '2.0.0',
      ],
    ],
  ])('sorts a shuffled %s list', (scheme, expected) => {
    const next = random(440);
    for (let round = 0; round < 5; round++) {
      const sorted = shuffled(expected, next)
        .map((raw) => parseVersion(raw, scheme))
        .sort(byVersion);
      expect(sorted.map((v) => v.raw)).toEqual(expected);
    }
  });

  test.each<[string, string, number]>([
    ['4.3.10b2', '4.3.9', 1],
    ['4.3.6a1', '4.3.6b1', -1],
    ['4.3.6rc1', '4.3.6', -1],
    ['4.3.6', '4.3.7b1', -1],
    ['4.3.6b1', '4.3.6.b1', 0],
    ['4.3', '4.3.0', 0],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(compareVersions(parseVersion(a), parseVersion(b))).toBe(expected);
    expect(compareVersions(parseVersion(b), parseVersion(a))).toBe(-expected || 0);
    expect(sameVersion(parseVersion(a), parseVersion(b))).toBe(expected === 0);
  });

  test('compares across schemes by PEP 440 meaning', () => {
    const semverBeta = parseVersion('1.2.3-beta.1', 'semver');
    expect(sameVersion(semverBeta, parseVersion('1.2.3b1'))).toBe(true);
    expect(compareVersions(semverBeta, parseVersion('1.2.3rc1'))).toBe(-1);
    expect(compareVersions(semverBeta, parseVersion('1.2.3b1.dev4'))).toBe(1);
    expect(compareVersions(parseVersion('1.2.3', 'semver'), parseVersion('1.2.3b9'))).toBe(1);
  });
});

describe('nextPrerelease', () => {
  test.each<[string, Scheme | 'auto', BumpOptions | undefined, string]>([
    // after a final
    ['4.3.5', 'auto', undefined, '4.3.6b1'],
    ['4.3.5', 'auto', { part: 'minor' }, '4.4.0b1'],
    ['4.3.5', 'auto', { part: 'major' }, '5.0.0b1'],
    ['4.3.5', 'auto', { pre: 'a' }, '4.3.6a1'],
    ['4.3.5', 'auto', { pre: 'rc' }, '4.3.6rc1'],
    ['4.3.5', 'auto', { part: 'minor', pre: 'rc' }, '4.4.0rc1'],
    ['5.1.4', 'auto', undefined, '5.1.5b1'],
    ['4.3', 'auto', undefined, '4.3.1b1'],
    // on a pre-release: same kind counts up, a higher kind starts at 1
    ['4.3.6b1', 'auto', undefined, '4.3.6b2'],
    ['4.3.10b2', 'auto', undefined, '4.3.10b3'],
    ['5.1.2b1', 'auto', { pre: 'b' }, '5.1.2b2'],
    ['4.2.1b0', 'auto', undefined, '4.2.1b1'],
    ['4.0.0a1', 'auto', { pre: 'a' }, '4.0.0a2'],
    ['4.0.0a1', 'auto', undefined, '4.0.0b1'],
    ['4.3.6a2', 'auto', { pre: 'b' }, '4.3.6b1'],
    ['4.3.6b1', 'auto', { pre: 'rc' }, '4.3.6rc1'],
    ['4.3.6rc1', 'auto', { pre: 'rc' }, '4.3.6rc2'],
    // a pre-release stays in its release when that already is the asked-for bump
    ['4.3.6b1', 'auto', { part: 'minor' }, '4.4.0b1'],
    ['4.4.0b1', 'auto', { part: 'minor' }, '4.4.0b2'],
    ['4.3.6b1', 'auto', { part: 'major' }, '5.0.0b1'],
    ['4.4.0b1', 'auto', { part: 'major' }, '5.0.0b1'],
    ['4.0.0a1', 'auto', { part: 'major' }, '4.0.0b1'],
    // dev builds lead to their own pre-release
    ['4.3.6.dev1', 'auto', undefined, '4.3.6b1'],
    ['4.3.6b1.dev2', 'auto', undefined, '4.3.6b1'],
    ['4.3.6a1.dev2', 'auto', undefined, '4.3.6b1'],
    // semver keeps semver spelling
    ['1.2.3', 'semver', undefined, '1.2.4-beta.1'],
    ['1.2.3', 'semver', { pre: 'a' }, '1.2.4-alpha.1'],
    ['1.2.3', 'semver', { pre: 'rc' }, '1.2.4-rc.1'],
    ['1.2.3', 'semver', { part: 'minor' }, '1.3.0-beta.1'],
    ['1.2.3', 'semver', { part: 'major' }, '2.0.0-beta.1'],
    ['1.2.4-beta.1', 'semver', undefined, '1.2.4-beta.2'],
    ['1.2.4-alpha.3', 'semver', { pre: 'b' }, '1.2.4-beta.1'],
    ['2.0.0-rc.1', 'semver', { pre: 'rc' }, '2.0.0-rc.2'],
  ])('%s (%s) with %j -> %s', (raw, scheme, opts, expected) => {
    const v = parseVersion(raw, scheme);
    const next = nextPrerelease(v, opts);
    expect(next).toBe(expected);
    expect(compareVersions(parseVersion(next, v.scheme), v)).toBe(1);
  });

  test.each<[string, PreKind]>([
    ['4.3.6rc1', 'b'],
    ['4.3.6b2', 'a'],
  ])('refuses to go back from %s to %s', (raw, pre) => {
    expect(() => nextPrerelease(parseVersion(raw), { pre })).toThrow(VersionError);
  });

  test('explains a refused step back', () => {
    expect(() => nextPrerelease(parseVersion('4.3.6rc1'), { pre: 'b' })).toThrow(
      'cannot go from 4.3.6rc1 to a "b" pre-release: 4.3.6b1 would sort before it; the next "rc" is 4.3.6rc2, or release 4.3.6 first',
    );
  });

  test('refuses unknown options as programming errors', () => {
    const v = parseVersion('4.3.5');
    expect(() => nextPrerelease(v, { part: 'huge' as 'patch' })).toThrow(TypeError);
    expect(() => nextPrerelease(v, { pre: 'beta' as PreKind })).toThrow(TypeError);
  });
});

describe('formatVersion', () => {
  test.each<[Parameters<typeof formatVersion>[0], Scheme, string]>([
    [{ major: 4, minor: 3, patch: 6, pre: { kind: 'b', number: 1 } }, 'pep440', '4.3.6b1'],
    [{ major: 4, minor: 3, patch: 6, pre: null, dev: 2 }, 'pep440', '4.3.6.dev2'],
    [{ major: 4, minor: 3, patch: 6, pre: { kind: 'rc', number: 1 }, dev: 0 }, 'pep440', '4.3.6rc1.dev0'],
    [{ major: 1, minor: 2, patch: 3, pre: null }, 'semver', '1.2.3'],
    [{ major: 1, minor: 2, patch: 3, pre: { kind: 'a', number: 4 } }, 'semver', '1.2.3-alpha.4'],
  ])('%j as %s is %s', (parts, scheme, expected) => {
    expect(formatVersion(parts, scheme)).toBe(expected);
  });

  test('refuses parts that make no version', () => {
    expect(() => formatVersion({ major: 1, minor: 2, patch: 3, pre: null, dev: 1 }, 'semver')).toThrow(
      /semver has no dev/,
    );
    expect(() => formatVersion({ major: -1, minor: 2, patch: 3, pre: null }, 'pep440')).toThrow(VersionError);
    expect(() => formatVersion({ major: 1.5, minor: 2, patch: 3, pre: null }, 'semver')).toThrow(VersionError);
  });
});

describe('parseVersionTag', () => {
  test.each<[string, string | undefined, string | null]>([
    ['4.3.5', undefined, '4.3.5'],
    ['4.3.6b1', undefined, '4.3.6b1'],
    ['v4.3.5', 'v', '4.3.5'],
    ['release-4.3.5', 'release-', '4.3.5'],
    ['v4.3.5', undefined, null],
    ['4.3.5', 'v', null],
    ['vv4.3.5', 'v', null],
    ['latest', undefined, null],
    ['nightly-1a2b3c4d-amd64', undefined, null],
    ['full-4.3.5', 'full-', '4.3.5'],
    ['4.0-dev', undefined, null],
  ])('%s with prefix %j -> %j', (tag, prefix, expected) => {
    expect(parseVersionTag(tag, prefix)?.normalized ?? null).toBe(expected);
  });
});

describe('properties over 200 random versions', () => {
  const next = random(20260);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const small = () => Math.floor(next() * 12);
  const PEP440_SPELLING: Record<PreKind, string[]> = {
    a: ['a', 'alpha', 'A'],
    b: ['b', 'beta', 'B'],
    rc: ['rc', 'c', 'pre', 'preview'],
  };
  const SEPARATORS = ['', '.', '-', '_'];

  // Written with varied PEP 440 spellings, or as semver, so normalisation is exercised too.
  const cases = Array.from({ length: 200 }, () => {
    const scheme: Scheme = next() < 0.7 ? 'pep440' : 'semver';
    const [major, minor, patch] = [small(), small(), small()];
    const pre = next() < 0.6 ? { kind: pick<PreKind>(['a', 'b', 'rc']), number: small() } : null;
    const dev = scheme === 'pep440' && next() < 0.25 ? small() : null;
    let text = `${major}.${minor}.${patch}`;
    if (scheme === 'semver') {
      if (pre) text += `-${{ a: 'alpha', b: 'beta', rc: 'rc' }[pre.kind]}.${pre.number}`;
    } else {
      if (pre) text += `${pick(SEPARATORS)}${pick(PEP440_SPELLING[pre.kind])}${pick(SEPARATORS)}${pre.number}`;
      if (dev !== null) text += `${pick(SEPARATORS)}dev${pick(SEPARATORS)}${dev}`;
    }
    return { text, scheme, expected: { major, minor, patch, pre, dev } };
  });
  const versions = cases.map(({ text, scheme }) => parseVersion(text, scheme === 'pep440' ? 'auto' : 'semver'));

  // An independent statement of PEP 440 order for this model: dev-only before a/b/rc, and
  // within a pre-release a dev build before the pre-release itself; finals last.
  const RANK: Record<PreKind, number> = { a: 0, b: 1, rc: 2 };
  const key = (v: Version) => [
    v.major,
    v.minor,
    v.patch,
    v.pre ? RANK[v.pre.kind] : v.dev !== null ? -1 : 3,
    v.pre?.number ?? 0,
    v.dev ?? Number.POSITIVE_INFINITY,
  ];
  const byKey = (a: Version, b: Version) => {
    const [ka, kb] = [key(a), key(b)];
    const at = ka.findIndex((n, i) => n !== kb[i]);
    return at === -1 ? 0 : Math.sign(ka[at]! - kb[at]!);
  };

  test('parse reads back the parts that were written', () => {
    cases.forEach(({ text, expected }, i) => {
      expect({ text, ...versions[i]! }).toMatchObject({ text, ...expected });
    });
  });

  test('parse(normalized) round-trips', () => {
    for (const v of versions) {
      expect(parseVersion(v.normalized, v.scheme)).toEqual({ ...v, raw: v.normalized });
    }
  });

  test('compareVersions is a total order that agrees with the independent key', () => {
    const disagreements: string[] = [];
    for (const a of versions) {
      for (const b of versions) {
        const order = compareVersions(a, b);
        if (order !== byKey(a, b)) disagreements.push(`${a.normalized} vs ${b.normalized}: ${order}`);
        if (compareVersions(b, a) !== (-order || 0))
          disagreements.push(`${a.normalized} vs ${b.normalized}: not antisymmetric`);
      }
    }
    expect(disagreements).toEqual([]);
    const sorted = [...versions].sort(compareVersions);
    for (let i = 1; i < sorted.length; i++) expect(byKey(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
  });

  test('nextPrerelease always moves forward, or refuses with a VersionError', () => {
    for (const v of versions) {
      for (const part of ['patch', 'minor', 'major'] as const) {
        for (const pre of ['a', 'b', 'rc'] as const) {
          let bumped: string;
          try {
            bumped = nextPrerelease(v, { part, pre });
          } catch (error) {
            expect(error).toBeInstanceOf(VersionError);
            continue;
          }
          const after = parseVersion(bumped, v.scheme);
          expect([v.normalized, part, pre, compareVersions(after, v)]).toEqual([v.normalized, part, pre, 1]);
          expect(after.pre).toEqual({ kind: pre, number: expect.any(Number) });
        }
      }
    }
  });
});
