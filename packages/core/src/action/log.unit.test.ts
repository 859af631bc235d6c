// The escaping rule, and the one door to the log: no other module writes to it directly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, jest, test } from '@jest/globals';
import { parseWorkflowCommands } from '@exegol-actions/testkit/runner';
import { logText, maskSecret, mdBlock, mdCell, mdCode, mdText, oneLine } from './log.ts';

const HOSTILE = [
  '::warning::PWNED',
  '  \t::error::PWNED',
  'a\r::notice::PWNED',
  'a\r\n::set-output name=x::PWNED',
  'text ##[warning]PWNED',
  '::add-mask::PWNED',
].join('\n');

/** What the runner would run: it splits lines at \n, \r and \r\n and trims leading white space. */
function runnerCommands(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((l) => /^\s*::[a-z-]+/.test(l) || /##\[[a-z-]+/.test(l));
}

describe('logText', () => {
  test('no line of hostile text starts a command, and the text stays readable', () => {
    const out = logText(HOSTILE);
    expect(runnerCommands(out)).toEqual([]);
    expect(parseWorkflowCommands(out)).toEqual({ annotations: [], masks: [] });
    expect(out.split('\n')).toEqual([
      '\\::warning::PWNED',
      '  \t\\::error::PWNED',
      'a',
      '\\::notice::PWNED',
      'a',
      '\\::set-output name=x::PWNED',
      'text ##\u200b[warning]PWNED',
      '\\::add-mask::PWNED',
    ]);
  });
  test('ordinary text is unchanged', () => {
    expect(logText('history: unshallowed\n  4.3.5 → 4.3.6b1\na :: b')).toBe(
      'history: unshallowed\n  4.3.5 → 4.3.6b1\na :: b',
    );
  });
});

describe('oneLine', () => {
  test('control characters are shown as escapes, a leading command defused', () => {
    expect(oneLine('a\n::warning::x.txt')).toBe('a\\n::warning::x.txt');
    expect(oneLine('\x1b[31mred\r\t')).toBe('\\x1b[31mred\\r\\t');
    expect(oneLine('::error::x')).toBe('\\::error::x');
    expect(runnerCommands(oneLine(HOSTILE))).toEqual([]);
  });
});

describe('Markdown', () => {
  test('mdText escapes markup and HTML, on one line', () => {
    expect(mdText('a *b* _c_ `d` <img src=x> | [l](u)')).toBe(
      'a \\*b\\* \\_c\\_ \\`d\\` \\<img src=x\\> \\| \\[l\\](u)',
    );
    expect(mdText('# not a heading')).toBe('\\# not a heading');
    expect(mdText('light 3.1.17')).toBe('light 3.1.17');
    expect(mdText('4.3.5')).toBe('4.3.5');
    expect(mdText('1. first')).toBe('\\1. first');
    expect(mdText('- item')).toBe('\\- item');
    expect(mdText('x\ny')).toBe('x\\\\ny');
  });
  test('mdCode holds backticks; mdCell keeps a pipe, even in code, inside the cell', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a `b` c')).toBe('``a `b` c``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCell(mdCode('a|b'))).toBe('`a\\|b`');
    expect(mdCell(mdText('a|b'))).toBe('a\\|b');
    expect(mdCell('a\nb')).toBe('a<br>b');
  });
  test('mdBlock fences any text, backtick fences included', () => {
    expect(mdBlock('a\n```\nb', 'text')).toBe('````text\na\n```\nb\n````');
    expect(mdBlock('plain')).toBe('```\nplain\n```');
  });
});

// Annotations and group titles are escaped by @actions/core whoever calls it; a plain log line is
// not: core.info, console and direct writes are for log.ts alone.
test('every plain log line of core and the actions goes through log.ts', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const dirs = [
    path.join(root, 'packages/core/src'),
    ...fs.readdirSync(path.join(root, 'actions')).map((a) => path.join(root, 'actions', a, 'src')),
  ];
  const offenders: string[] = [];
  for (const dir of dirs) {
    for (const file of fs.globSync('**/*.ts', { cwd: dir })) {
      if (
        file.endsWith('.test.ts') ||
        path.join(dir, file) === fileURLToPath(import.meta.url).replace('.test.ts', '.ts')
      )
        continue;
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        // core.info(logText(…)) is the door too (the GitHub client's logger, loaded lazily).
        if (
          /\bcore\.info\(|console\.(log|info|warn|error)\(|process\.std(out|err)\.write\(/.test(line) &&
          !/core\.info\(logText\(/.test(line)
        ) {
          offenders.push(`${path.relative(root, path.join(dir, file))}:${i + 1}: ${line.trim()}`);
        }
      });
    }
  }
  expect(offenders).toEqual([]);
});

/** The values maskSecret asks the runner to mask, read back from the workflow commands it writes. */
function masked(value: string): string[] {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    maskSecret(value);
  } finally {
    spy.mockRestore();
  }
  return parseWorkflowCommands(written.join('')).masks;
}

describe('maskSecret', () => {
  test('a token is masked whole, once; an empty value asks for nothing', () => {
    expect(masked('ghs_0123456789abcdef')).toEqual(['ghs_0123456789abcdef']);
    expect(masked('')).toEqual([]);
  });

  test('a key is masked whole and line by line, without its armour and short lines', () => {
    const key = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
      '  QyNTUxOQAAACBc0ZxZ  ',
      'AAAE',
      '-----END OPENSSH PRIVATE KEY-----',
      '',
    ].join('\n');
    expect(masked(key)).toEqual([key, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'QyNTUxOQAAACBc0ZxZ']);
  });

  test('a value with a stray line break is masked as pasted and as meant', () => {
    expect(masked('hunter2-passphrase\n')).toEqual(['hunter2-passphrase\n', 'hunter2-passphrase']);
  });
});

// One rule for what is masked: every secret goes through maskSecret.
test('no module of core or the actions asks the runner to mask a value but log.ts', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const files = [
    ...fs.globSync('packages/core/src/**/*.ts', { cwd: root }),
    ...fs.globSync('actions/*/src/**/*.ts', { cwd: root }),
  ].filter((f) => !f.endsWith('.test.ts') && f !== 'packages/core/src/action/log.ts');
  const offenders = files.filter((f) => /\bsetSecret\(|add-mask/.test(fs.readFileSync(path.join(root, f), 'utf8')));
  expect(files.length).toBeGreaterThan(20);
  expect(offenders).toEqual([]);
});
