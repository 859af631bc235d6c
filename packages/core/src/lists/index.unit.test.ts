// Lists and indexes on the docs' real files (test/fixtures, copied from ../shared/fixtures) and
// on look-alikes built from the facts: what is kept byte for byte, what is refused, and where.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { repoRoot } from '@exegol-actions/testkit/runner';
import {
  checkList,
  compareNames,
  decodeUtf8,
  INDEX_HEADERS,
  indexRow,
  IndexFileError,
  ListFileError,
  namesInList,
  renderList,
  RESOURCES_HEADER,
  splitLines,
  joinLines,
  TOOLS_HEADER,
  updateIndex,
  type IndexEntry,
} from './index.ts';

const fixture = (rel: string) => fs.readFileSync(path.join(repoRoot, 'test/fixtures', rel), 'utf8');
const LIGHT = fixture('exegol-docs/installed_tools/lists/light_3.1.17_amd64.csv');
const RELEASES = fixture('exegol-docs/installed_tools/releases_amd64.csv');
const NIGHTLY = fixture('exegol-docs/installed_tools/nightly.csv');
const RESOURCES = fixture('exegol-resources/resources_list.csv');

const release = (profile: string, version: string, buildDate = '2026-07-01T10:00:00Z'): IndexEntry => ({
  profile,
  version,
  arch: 'amd64',
  buildDate,
  link: `/installed_tools/lists/${profile}_${version}_amd64.csv`,
});
const nightly = (sha: string, arch: string, buildDate = '2026-07-02T01:02:03Z'): IndexEntry => ({
  profile: 'nightly',
  version: sha,
  arch,
  buildDate,
  link: `/installed_tools/lists/latest_nightly_${arch}.csv`,
});

describe('checkList', () => {
  test('the real light 3.1.17 list passes, with its duplicate weevely, and renders byte for byte', async () => {
    const list = await checkList(LIGHT, TOOLS_HEADER);
    expect(list.invalid).toEqual([]);
    expect(list.names).toHaveLength(LIGHT.trimEnd().split('\n').length - 1);
    expect(list.duplicates).toEqual([{ name: 'weevely', lines: [50, 51] }]);
    expect(list.duplicateCount).toBe(1);
    expect(renderList(list)).toBe(LIGHT);
  });

  test('the real resources list passes under its own header, its row without a link allowed only when asked', async () => {
    const list = await checkList(RESOURCES, RESOURCES_HEADER, { allowEmptyLink: true });
    expect(list.invalid).toEqual([]);
    expect(renderList(list)).toBe(RESOURCES);
    expect((await checkList(RESOURCES, RESOURCES_HEADER)).invalid).toEqual([
      { line: 22, problem: 'the link (column 2) is empty' },
    ]);
    expect(
      (await checkList(`${RESOURCES_HEADER}\nx,not a url,y\n`, RESOURCES_HEADER, { allowEmptyLink: true })).invalid,
    ).toHaveLength(1);
    expect(list.names).toContain('linux-smart-enumeration (lse.sh)');
    await expect(checkList(RESOURCES, TOOLS_HEADER)).rejects.toThrow(
      /has the header "Resource,Link,Description", expected "Tool,Link,Description"/,
    );
  });

  test('emoji and curly quotes are kept as written', async () => {
    const text = `${TOOLS_HEADER}\nfzf,https://github.com/junegunn/fzf,🌸 A command-line fuzzy finder\nimpacket,https://github.com/ThePorgs/impacket,The “Porgs” fork’s tools 🐍\n`;
    const list = await checkList(text, TOOLS_HEADER);
    expect(list.invalid).toEqual([]);
    expect(list.names).toEqual(['fzf', 'impacket']);
    expect(renderList(list)).toBe(text);
  });

  test('every bad row is reported at its line; good rows around them are kept exactly', async () => {
    const lines = [
      TOOLS_HEADER,
      'asdf,https://github.com/asdf-vm/asdf,Extendable version manager',
      'bad4,https://example.com/x,one, two',
      ',https://example.com/noname,No name',
      'nolink,,Empty link',
      'badlink,not a url,Link is not a URL',
      'ftp,ftp://example.com/x,Not http',
      '',
      'openquote,https://example.com/q,"never closed',
      'quoted,https://example.com/q,"a, b and ""c"""',
      'two,https://example.com/only-two',
      'zsh,https://www.zsh.org,Shell',
    ];
    const list = await checkList(`${lines.join('\n')}\n`, TOOLS_HEADER);
    expect(list.invalid).toEqual([
      { line: 3, problem: 'has 4 columns, expected 3 (Tool,Link,Description): a comma in the description splits it' },
      { line: 4, problem: 'the name (column 1) is empty' },
      { line: 5, problem: 'the link (column 2) is empty' },
      { line: 6, problem: 'the link "not a url" is not a URL' },
      { line: 7, problem: 'the link "ftp://example.com/x" is not an http(s) URL' },
      { line: 8, problem: 'is empty' },
      { line: 9, problem: 'has a quoted field that is never closed' },
      { line: 11, problem: 'has 2 columns, expected 3 (Tool,Link,Description)' },
    ]);
    // A quoted description may hold commas and doubled quotes: three columns for csv-parse.
    expect(list.names).toEqual(['asdf', 'quoted', 'zsh']);
    expect(renderList(list)).toBe([lines[0], lines[1], lines[9], lines[11]].join('\n') + '\n');
  });

  test('dropping rows keeps CRLF endings and a missing trailing newline', async () => {
    const text = `${TOOLS_HEADER}\r\na,https://a.example,A\r\nb,https://b.example,B,extra\r\nc,https://c.example,C`;
    const list = await checkList(text, TOOLS_HEADER);
    expect(list.invalid.map((p) => p.line)).toEqual([3]);
    expect(renderList(list)).toBe(`${TOOLS_HEADER}\r\na,https://a.example,A\r\nc,https://c.example,C`);
    const last = await checkList(`${TOOLS_HEADER}\na,https://a.example,A\nb,https://b.example,B,extra`, TOOLS_HEADER);
    expect(renderList(last)).toBe(`${TOOLS_HEADER}\na,https://a.example,A`);
  });

  test('a file without a trailing newline passes unchanged', async () => {
    const text = LIGHT.trimEnd();
    expect(renderList(await checkList(text, TOOLS_HEADER))).toBe(text);
  });

  test('duplicates are found case-insensitively and all reported', async () => {
    const text = `${TOOLS_HEADER}\nimpacket,https://github.com/ThePorgs/impacket,Fork\nImpacket,https://github.com/fortra/impacket,Upstream\nnmap,https://nmap.org,Scanner\nimpacket,https://github.com/ThePorgs/impacket,Again\n`;
    const list = await checkList(text, TOOLS_HEADER);
    expect(list.duplicates).toEqual([{ name: 'impacket', lines: [2, 3, 5] }]);
    expect(list.duplicateCount).toBe(2);
    expect(list.names).toHaveLength(4);
  });

  test('whole-file problems: no header, another header, empty, header only', async () => {
    const noHeader = LIGHT.split('\n').slice(1).join('\n');
    await expect(checkList(noHeader, TOOLS_HEADER)).rejects.toMatchObject({
      line: 1,
      message: expect.stringMatching(
        /^has no header: line 1 is a row .*the first line must be "Tool,Link,Description"$/,
      ),
    });
    await expect(checkList('Name,URL,Description\na,https://a.example,A\n', TOOLS_HEADER)).rejects.toThrow(
      'has the header "Name,URL,Description", expected "Tool,Link,Description"',
    );
    await expect(checkList('', TOOLS_HEADER)).rejects.toThrow(ListFileError);
    await expect(checkList('\n\n', TOOLS_HEADER)).rejects.toThrow(/^is empty/);
    await expect(checkList(`${TOOLS_HEADER}\n`, TOOLS_HEADER)).rejects.toThrow('has a header and no rows');
  });

  test('a byte order mark is not part of the header, and is not written back', async () => {
    const list = await checkList(`\uFEFF${TOOLS_HEADER}\na,https://a.example,A\n`, TOOLS_HEADER);
    expect(list.bom).toBe(true);
    expect(renderList(list)).toBe(`${TOOLS_HEADER}\na,https://a.example,A\n`);
  });
});

describe('decodeUtf8', () => {
  test('names the lines with bytes that are not UTF-8', () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${TOOLS_HEADER}\na,https://a.example,caf`),
      Buffer.from([0xe9]),
      Buffer.from('\nb,https://b.example,ok\nc,https://c.example,'),
      Buffer.from([0x93, 0x71, 0x94]),
      Buffer.from('\n'),
    ]);
    expect(() => decodeUtf8(latin1)).toThrow('is not UTF-8: invalid bytes on lines 2, 4. Save the file as UTF-8');
    try {
      decodeUtf8(latin1);
    } catch (error) {
      expect((error as ListFileError).line).toBe(2);
    }
    expect(decodeUtf8(Buffer.from('🌸 “x”'))).toBe('🌸 “x”');
  });
});

describe('updateIndex', () => {
  test('inserts a new release row first; every other byte of the real index stays', async () => {
    const entry = release('full', '3.1.18');
    const out = await updateIndex('release', RELEASES, entry);
    const [header, ...rest] = RELEASES.split('\n');
    expect(out.text).toBe(
      [
        header,
        'full,3.1.18,"2026-07-01T10:00:00Z",[download](</installed_tools/lists/full_3.1.18_amd64.csv>)',
        ...rest,
      ].join('\n'),
    );
    expect(out).toMatchObject({ changed: true, replaced: [], alreadyPresent: false });
  });

  test('replaces a re-run row by exact columns and moves it first; 3.1.1 never matches 3.1.10…3.1.19', async () => {
    const rows = [
      ...Array.from(
        { length: 10 },
        (_, i) =>
          `full,3.1.${19 - i},"2026-0${(i % 9) + 1}-01T00:00:00Z",[download](</installed_tools/lists/full_3.1.${19 - i}_amd64.csv>)`,
      ),
      'ad,3.1.1,2023-08-18T02:59:03Z,:download:`ad_3.1.1_amd64.csv     </installed_tools/lists/ad_3.1.1_amd64.csv>`',
      'full,3.1.1,2023-08-18T01:36:37Z,:download:`full_3.1.1_amd64.csv     </installed_tools/lists/full_3.1.1_amd64.csv>`',
      'full,3.1.0,2023-08-09T22:27:20Z,:download:`full_3.1.0_amd64.csv     </installed_tools/lists/full_3.1.0_amd64.csv>`',
    ];
    const text = `${INDEX_HEADERS.release}\n${rows.join('\n')}\n`;
    const out = await updateIndex('release', text, release('full', '3.1.1', '2026-07-03T00:00:00Z'));
    const expected = [
      INDEX_HEADERS.release,
      indexRow('release', release('full', '3.1.1', '2026-07-03T00:00:00Z')),
      ...rows.filter((r) => !r.startsWith('full,3.1.1,')),
    ];
    expect(out.text).toBe(`${expected.join('\n')}\n`);
    expect(out.replaced).toEqual([rows[11]]);
    for (let v = 10; v <= 19; v++) expect(out.text).toContain(`full,3.1.${v},`);
    expect(out.text).toContain('ad,3.1.1,2023-08-18T02:59:03Z,');
  });

  test('on the real index, re-exporting full 3.1.1 replaces only its Sphinx-era row', async () => {
    const out = await updateIndex('release', RELEASES, release('full', '3.1.1'));
    const before = RELEASES.split('\n');
    const old = before.find((l) => l.startsWith('full,3.1.1,'))!;
    expect(old).toContain(':download:`full_3.1.1_amd64.csv');
    expect(out.replaced).toEqual([old]);
    expect(out.text.split('\n')).toEqual([
      before[0],
      indexRow('release', release('full', '3.1.1')),
      ...before.slice(1).filter((l) => l !== old),
    ]);
    for (let v = 10; v <= 17; v++) expect(out.text.match(new RegExp(`^full,3\\.1\\.${v},`, 'gm'))).toHaveLength(1);
  });

  test('a re-run of the same build (same row) changes nothing, wherever the row stands', async () => {
    const again = release('light', '3.1.17', '2026-06-24T13:12:39Z');
    expect(indexRow('release', again)).toBe(RELEASES.split('\n')[5]);
    const out = await updateIndex('release', RELEASES, again);
    expect(out).toMatchObject({ text: RELEASES, changed: false, alreadyPresent: true });
  });

  test('a rebuild of a published version (new date) replaces its row and moves it first', async () => {
    const out = await updateIndex('release', RELEASES, release('light', '3.1.17', '2026-07-09T09:09:09Z'));
    const lines = out.text.split('\n');
    expect(lines[1]).toBe(
      'light,3.1.17,"2026-07-09T09:09:09Z",[download](</installed_tools/lists/light_3.1.17_amd64.csv>)',
    );
    expect(out.text.match(/^light,3\.1\.17,/gm)).toHaveLength(1);
    expect(lines.length).toBe(RELEASES.split('\n').length);
  });

  test('nightly rows are per arch: amd64 replaced and first, arm64 kept byte for byte', async () => {
    const out = await updateIndex('nightly', NIGHTLY, nightly('0123abcd', 'amd64'));
    expect(out.text).toBe(
      [
        INDEX_HEADERS.nightly,
        'nightly,0123abcd,amd64,"2026-07-02T01:02:03Z",[download](</installed_tools/lists/latest_nightly_amd64.csv>)',
        NIGHTLY.split('\n')[2],
        '',
      ].join('\n'),
    );
    const arm = await updateIndex('nightly', out.text, nightly('0123abcd', 'arm64', '2026-07-02T03:00:00Z'));
    expect(arm.text.split('\n').slice(1, 3)).toEqual([
      'nightly,0123abcd,arm64,"2026-07-02T03:00:00Z",[download](</installed_tools/lists/latest_nightly_arm64.csv>)',
      'nightly,0123abcd,amd64,"2026-07-02T01:02:03Z",[download](</installed_tools/lists/latest_nightly_amd64.csv>)',
    ]);
    expect(arm.replaced).toEqual([NIGHTLY.split('\n')[2]]);
  });

  test('an index without a trailing newline (like free.csv) keeps that convention', async () => {
    const text = `${INDEX_HEADERS.release}\nfree,3.1.17,"2026-06-24T13:12:39Z",[download](</installed_tools/lists/free_3.1.17_amd64.csv>)\nfree,3.1.16,"2026-05-18T02:35:11Z",[download](</installed_tools/lists/free_3.1.16_amd64.csv>)`;
    const out = await updateIndex('release', text, release('free', '3.1.18'));
    expect(out.text.endsWith('free_3.1.16_amd64.csv>)')).toBe(true);
    expect(out.text.split('\n')[1]).toContain('free,3.1.18,');
    // Replacing the last row: the row before it becomes last and loses its newline.
    const last = await updateIndex('release', text, release('free', '3.1.16'));
    expect(last.text).toBe(
      `${INDEX_HEADERS.release}\n${indexRow('release', release('free', '3.1.16'))}\nfree,3.1.17,"2026-06-24T13:12:39Z",[download](</installed_tools/lists/free_3.1.17_amd64.csv>)`,
    );
    const headerOnly = await updateIndex('release', INDEX_HEADERS.release, release('free', '3.1.18'));
    expect(headerOnly.text).toBe(`${INDEX_HEADERS.release}\n${indexRow('release', release('free', '3.1.18'))}`);
  });

  test('CRLF files get a CRLF row; a missing or empty index is created', async () => {
    const crlf = `${INDEX_HEADERS.release}\r\nad,3.1.17,"2026-06-25T08:47:07Z",[download](</installed_tools/lists/ad_3.1.17_amd64.csv>)\r\n`;
    const out = await updateIndex('release', crlf, release('full', '3.1.18'));
    expect(out.text).toBe(
      `${INDEX_HEADERS.release}\r\n${indexRow('release', release('full', '3.1.18'))}\r\n${crlf.split('\r\n')[1]}\r\n`,
    );
    for (const empty of [null, '']) {
      expect((await updateIndex('release', empty, release('full', '3.1.18'))).text).toBe(
        `${INDEX_HEADERS.release}\n${indexRow('release', release('full', '3.1.18'))}\n`,
      );
    }
  });

  test('an unknown header is refused at line 1, and the other channel is named', async () => {
    await expect(
      updateIndex('release', 'Tag,Version,Date\nfull,1,2\n', release('full', '3.1.18')),
    ).rejects.toMatchObject({ line: 1, message: expect.stringContaining('expected the release index header') });
    await expect(updateIndex('release', NIGHTLY, release('full', '3.1.18'))).rejects.toThrow(
      /this is a nightly index: check the channel and the index path/,
    );
    await expect(updateIndex('nightly', RELEASES, nightly('0123abcd', 'amd64'))).rejects.toThrow(IndexFileError);
  });

  test('quoted key fields are read by csv-parse and matched like plain ones', async () => {
    const quoted =
      '"full","3.1.17","2026-06-24T20:45:25Z","[download](</installed_tools/lists/full_3.1.17_amd64.csv>)"';
    const text = `${INDEX_HEADERS.release}\n${quoted}\nfull,3.1.16,"2026-05-18T08:39:16Z",[download](</installed_tools/lists/full_3.1.16_amd64.csv>)\n`;
    const out = await updateIndex('release', text, release('full', '3.1.17'));
    expect(out.replaced).toEqual([quoted]);
    expect(out.text.split('\n').slice(1)).toEqual([
      indexRow('release', release('full', '3.1.17')),
      'full,3.1.16,"2026-05-18T08:39:16Z",[download](</installed_tools/lists/full_3.1.16_amd64.csv>)',
      '',
    ]);
    // A quote inside an unquoted field (kept as written) does not hide the key.
    const odd = `${INDEX_HEADERS.release}\nfu"ll,3.1.17,x\nfull,3.1.17,"2026-06-24T20:45:25Z",y\n`;
    expect((await updateIndex('release', odd, release('full', '3.1.17'))).replaced).toEqual([
      'full,3.1.17,"2026-06-24T20:45:25Z",y',
    ]);
  });

  test('a row running over several lines is refused with its line', async () => {
    const text = `${INDEX_HEADERS.release}\nad,3.1.17,"2026-06-25T08:47:07Z",[download](</x.csv>)\nfull,3.1.17,"2026-06-24\n20:45:25Z",[download](</y.csv>)\n`;
    await expect(updateIndex('release', text, release('web', '3.1.18'))).rejects.toMatchObject({ line: 3 });
  });
});

describe('helpers', () => {
  test('compareNames is case-insensitive and keeps the first spelling', () => {
    expect(compareNames(['nmap', 'Impacket', 'john'], ['impacket', 'john', 'hashcat', 'Hashcat'])).toEqual({
      added: ['hashcat'],
      removed: ['nmap'],
    });
  });

  test('namesInList reads the first column, quoted or not, of any list', async () => {
    expect(
      await namesInList(`${TOOLS_HEADER}\nnmap,https://nmap.org,x\n"a, b",https://x.example,y\nbroken line\n`),
    ).toEqual(['nmap', 'a, b', 'broken line']);
  });

  test('splitLines and joinLines round-trip mixed endings', () => {
    const text = 'a\r\nb\nc';
    const split = splitLines(text);
    expect(split.lines.map((l) => l.eol)).toEqual(['\r\n', '\n', '']);
    expect(split).toMatchObject({ endsWithNewline: false, eol: '\r\n', bom: false });
    expect(joinLines(split.lines)).toBe(text);
  });
});
