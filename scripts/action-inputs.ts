// action.yml is the one source of every input's name and default. This module renders each
// action's typed input reader from it (actions/<name>/src/inputs.generated.ts, written by
// `pnpm run inputs`) and reads the action's sources for how they use their inputs, so that
// check-actions can refuse code and metadata that disagree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { parse as parseYaml } from 'yaml';

export const GENERATED = 'inputs.generated.ts';

export interface DeclaredInput {
  description: string;
  required: boolean;
  default: string;
}

/** The actions with a public <name>/action.yml and sources under actions/<name>. */
export function actionNames(root: string): string[] {
  return fs
    .readdirSync(path.join(root, 'actions'))
    .filter((name) => fs.existsSync(path.join(root, name, 'action.yml')))
    .sort();
}

interface RawInput {
  description?: unknown;
  required?: unknown;
  default?: unknown;
}

export function declaredInputs(root: string, name: string): Map<string, DeclaredInput> {
  const meta = parseYaml(fs.readFileSync(path.join(root, name, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, RawInput | null>;
  };
  const out = new Map<string, DeclaredInput>();
  for (const [input, spec] of Object.entries(meta.inputs ?? {})) {
    out.set(input, {
      description: typeof spec?.description === 'string' ? spec.description : '',
      required: spec?.required === true,
      default:
        typeof spec?.default === 'string' || typeof spec?.default === 'number' || typeof spec?.default === 'boolean'
          ? String(spec.default)
          : '',
    });
  }
  return out;
}

// The runner evaluates `${{ … }}` defaults (github.token); the bundle cannot, so it gets none.
const isExpression = (value: string): boolean => value.includes('${{');

/** The generated reader of one action, formatted as Prettier would leave it. */
export async function renderReader(root: string, name: string): Promise<string> {
  const lines = [...declaredInputs(root, name)].map(([input, spec]) => {
    const fields: string[] = [];
    if (spec.default && !isExpression(spec.default)) fields.push(`default: ${JSON.stringify(spec.default)}`);
    if (spec.required) fields.push('required: true');
    const note = isExpression(spec.default) ? ` // ${spec.default}: evaluated by the runner` : '';
    return `  ${JSON.stringify(input)}: { ${fields.join(', ')} },${note}`;
  });
  const text = [
    `// Generated from ${name}/action.yml by \`pnpm run inputs\` (scripts/inputs.ts). Do not edit:`,
    '// change action.yml and run it again; `pnpm run check-actions` fails while this file is stale.',
    "import { inputReader } from '@exegol-actions/core/action';",
    '',
    'export const inputs = inputReader({',
    ...lines,
    '});',
    '',
  ].join('\n');
  const file = path.join(root, 'actions', name, 'src', GENERATED);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** Every .ts file of an action's sources but the generated reader and tests. */
export function actionSources(root: string, name: string): string[] {
  const dir = path.join(root, 'actions', name, 'src');
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && path.basename(f) !== GENERATED)
    .sort()
    .map((f) => path.join(dir, f));
}

// Inputs core reads on the action's behalf, named by the call that reads them.
const READ_BY_CORE: Record<string, string[]> = {
  runAction: ['network-timeout'],
  rulesFromInputs: ['preset', 'rules', 'config-file'],
};

// Reading an input any other way than through the generated reader bypasses action.yml's default.
const BYPASSES =
  /\b(?:input|requiredInput|enumInput|booleanInput|integerInput|listInput|keyValueInput|branchInput|pathInput|getInput|getBooleanInput|getMultilineInput)\(|process\.env(?:\.INPUT_|\[\s*['"`]INPUT_)/g;

// A literal: a string without interpolation, a number, true or false (`|| null` says "none", not a default).
const LITERAL = /^(?:'[^']*'|"[^"]*"|`[^`$]*`|-?\d[\d_.]*|true|false)$/;

// The argument of each `…Or` method that holds the fallback computed at run time.
const FALLBACK_ARGUMENT: Record<string, number> = { booleanOr: 1, branchOr: 1, pathOr: 1, choiceOr: 2 };

export interface InputUse {
  file: string;
  line: number;
  method: string;
  input: string | null;
  args: string[];
  /** The expression after `||` or `??` right behind the call, if any. */
  orElse: string | null;
}

/** The arguments of the call whose `(` is at `open`, split at top level, and the index after `)`. */
function callArguments(text: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const close = text.indexOf(c, i + 1);
      i = close === -1 ? text.length : close;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return { args: args.filter(Boolean), end: i + 1 };
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return { args, end: text.length };
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

export function inputUses(file: string): {
  uses: InputUse[];
  bypasses: { line: number; text: string }[];
  coreReads: string[];
} {
  const text = fs.readFileSync(file, 'utf8');
  const uses: InputUse[] = [];
  for (const m of text.matchAll(/\binputs\.(\w+)\(/g)) {
    const open = m.index + m[0].length - 1;
    const { args, end } = callArguments(text, open);
    const literal = /^(['"])([^'"]*)\1$/.exec(args[0] ?? '');
    const after = /^\s*(?:\|\||\?\?)\s*('[^']*'|"[^"]*"|`[^`]*`|[\w.$]+)/.exec(text.slice(end));
    uses.push({
      file,
      line: lineAt(text, m.index),
      method: m[1]!,
      input: literal ? literal[2]! : null,
      args,
      orElse: after ? after[1]! : null,
    });
  }
  const bypasses = [...text.matchAll(BYPASSES)].map((m) => ({ line: lineAt(text, m.index), text: m[0] }));
  const coreReads = Object.entries(READ_BY_CORE)
    .filter(([call]) => new RegExp(`\\b${call}\\(`).test(text))
    .flatMap(([, inputs]) => inputs);
  return { uses, bypasses, coreReads };
}

/** Where an action's code and its action.yml disagree, one line each. */
export async function inputFindings(root: string, name: string): Promise<string[]> {
  const problems: string[] = [];
  const declared = declaredInputs(root, name);
  const generated = path.join(root, 'actions', name, 'src', GENERATED);
  const where = (file: string, line: number): string => `${path.relative(root, file)}:${line}`;
  if (!fs.existsSync(generated) || fs.readFileSync(generated, 'utf8') !== (await renderReader(root, name)))
    problems.push(`${path.relative(root, generated)} is stale against ${name}/action.yml (pnpm run inputs)`);

  const read = new Set<string>();
  for (const file of actionSources(root, name)) {
    const { uses, bypasses, coreReads } = inputUses(file);
    for (const input of coreReads) read.add(input);
    for (const b of bypasses)
      problems.push(`${where(file, b.line)}: reads an input with ${b.text} instead of the generated reader`);
    for (const use of uses) {
      const at = where(file, use.line);
      if (use.input === null) {
        problems.push(`${at}: inputs.${use.method} takes a computed name; name the input literally`);
        continue;
      }
      read.add(use.input);
      const spec = declared.get(use.input);
      if (!spec) {
        problems.push(`${at}: reads input "${use.input}", which ${name}/action.yml does not declare`);
        continue;
      }
      if (use.orElse !== null && LITERAL.test(use.orElse))
        problems.push(`${at}: input "${use.input}" falls back to ${use.orElse}; its default belongs in action.yml`);
      const fallback = FALLBACK_ARGUMENT[use.method];
      const given = fallback === undefined ? undefined : use.args[fallback];
      if (given !== undefined && LITERAL.test(given))
        problems.push(`${at}: input "${use.input}" falls back to ${given}; its default belongs in action.yml`);
      if (use.method === 'choice' || use.method === 'choiceOr')
        problems.push(...choiceFindings(at, use.input, spec, use.args[1] ?? ''));
    }
  }
  for (const input of declared.keys())
    if (!read.has(input)) problems.push(`${name}/action.yml declares input "${input}", which the action never reads`);
  return problems;
}

/** The allowed values written in the code must be named in the description, and hold the default. */
function choiceFindings(at: string, input: string, spec: DeclaredInput, allowedText: string): string[] {
  const list = /^\[([^\]]*)\]$/.exec(allowedText);
  if (!list) return []; // a named constant: its values are not visible here
  const allowed = [...list[1]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!);
  const problems = allowed
    .filter((value) => !spec.description.includes(`\`${value}\``))
    .map((value) => `${at}: input "${input}" allows \`${value}\`, which its action.yml description does not name`);
  if (spec.default && !allowed.includes(spec.default))
    problems.push(`${at}: input "${input}" has the default "${spec.default}", which the code does not allow`);
  return problems;
}
