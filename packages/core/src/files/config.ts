// Rules declared without code: YAML (or JSON) in an action input or a small config file.
//
//   - name: pyproject              # optional
//     file: pyproject.toml         # or a list of candidate paths
//     pattern: '^version = "(.+)"$'
//     role: version                # version | final | stable-marker
//     optional: false
//     severity: error              # for role final: error | warning
import * as fs from 'node:fs';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { loadYaml } from '../yaml/index.ts';
import { ActionError, InputError, type SourceLocation } from '../action/index.ts';
import { ROLES, compileRulePattern, type VersionRule } from './rules.ts';

export interface RuleSource {
  /** The input the text came from, or the file it was read from. */
  input?: string;
  file?: string;
  /** The input that named the file (config-file), for errors about the rules' paths. */
  originInput?: string;
}

function lineOf(text: string, node: Node | null | undefined): number | undefined {
  const start = node?.range?.[0];
  if (start === undefined) return undefined;
  return text.slice(0, start).split('\n').length;
}

export async function parseRules(text: string, source: RuleSource): Promise<VersionRule[]> {
  // Loaded on use: most runs use a preset, and start-up time is paid on every step.
  const { parseDocument, isSeq, isMap } = await loadYaml();
  const doc = parseDocument(text);
  const where = (line?: number): SourceLocation | undefined => (source.file ? { file: source.file, line } : undefined);
  const fail = (problem: string, fix: string, line?: number): never => {
    if (source.input) throw new InputError(source.input, problem + (line ? ` (line ${line} of the input)` : ''), fix);
    throw new ActionError(`${source.file}${line ? `:${line}` : ''}: ${problem}. ${fix}`, { location: where(line) });
  };
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    fail(`is not valid YAML: ${e.message.split('\n')[0]}`, 'Fix the YAML syntax.', e.linePos?.[0].line);
  }
  // A config file may hold `rules:` beside other keys later; an input holds the list itself.
  let list: Node | null | undefined = doc.contents;
  if (isMap(list)) list = list.get('rules', true);
  if (!isSeq(list)) fail('must be a list of rules', 'Write one "- file: … pattern: … role: …" entry per version file.');
  const seq = list as YAMLSeq;
  const rules: VersionRule[] = [];
  seq.items.forEach((item, i) => {
    const line = lineOf(text, item as Node);
    if (!isMap(item)) fail(`rule ${i + 1} is not a mapping`, 'Give file, pattern and role.', line);
    const raw = (item as YAMLMap).toJSON() as Record<string, unknown>;
    const known = ['name', 'file', 'pattern', 'role', 'optional', 'severity'];
    for (const key of Object.keys(raw)) {
      if (!known.includes(key))
        fail(`rule ${i + 1} has an unknown key "${key}"`, `Known keys: ${known.join(', ')}.`, line);
    }
    const files = typeof raw.file === 'string' ? [raw.file] : Array.isArray(raw.file) ? raw.file.map(String) : [];
    if (files.length === 0)
      fail(`rule ${i + 1} has no "file"`, 'Give the path of the version file, relative to the repository root.', line);
    if (typeof raw.pattern !== 'string' || !raw.pattern) {
      fail(
        `rule ${i + 1} has no "pattern"`,
        'Give a regular expression with one capture group around the version.',
        line,
      );
    }
    const role = raw.role ?? 'version';
    if (!ROLES.includes(role as never))
      fail(`rule ${i + 1} has an unknown role ${JSON.stringify(role)}`, `Use one of: ${ROLES.join(', ')}.`, line);
    const severity = raw.severity ?? 'error';
    if (severity !== 'error' && severity !== 'warning')
      fail(`rule ${i + 1} has an unknown severity ${JSON.stringify(severity)}`, 'Use error or warning.', line);
    const rule: VersionRule = {
      name: typeof raw.name === 'string' && raw.name ? raw.name : files[0]!,
      files,
      pattern: raw.pattern as string,
      role: role as VersionRule['role'],
      optional: raw.optional === true,
      severity: severity as 'error' | 'warning',
      origin: { input: source.input ?? source.originInput ?? 'config-file', file: source.file, line },
    };
    try {
      compileRulePattern(rule);
    } catch (e) {
      fail(`rule ${i + 1}: ${(e as Error).message.replace(/^Rule "[^"]*": /, '')}`, 'Fix the pattern.', line);
    }
    rules.push(rule);
  });
  if (rules.length === 0) fail('declares no rules', 'Declare at least one rule, or use a preset.');
  return rules;
}

export async function readRulesFile(file: string, input = 'config-file'): Promise<VersionRule[]> {
  return parseRules(fs.readFileSync(file, 'utf8'), { file, originInput: input });
}
