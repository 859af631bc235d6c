// The rule inputs every action that reads or writes version files shares (`preset`, `rules`,
// `config-file`), so verify-version and bump-next-beta read the same files the same way.
import * as path from 'node:path';
import { enumInput, input, InputError, pathInput } from '../action/index.ts';
import { parseRules, readRulesFile } from './config.ts';
import { detectPreset, PRESETS, PRESET_NAMES } from './presets.ts';
import type { VersionRule } from './rules.ts';

export interface ResolvedRules {
  rules: VersionRule[];
  /** The input the rules came from, to name in errors about them. */
  rulesInput: string;
  /** Where the rules came from, for the job summary. */
  rulesFrom: string;
}

/** Rules from `rules`, else `config-file`, else `preset` (`auto` recognises the wrapper). */
export async function rulesFromInputs(root: string): Promise<ResolvedRules> {
  const presetName = enumInput('preset', PRESET_NAMES, 'auto');
  const inline = input('rules');
  const configFile = input('config-file');
  if (inline && configFile) throw new InputError('rules', 'is set together with "config-file"', 'Use one of the two.');
  if (inline)
    return { rules: await parseRules(inline, { input: 'rules' }), rulesInput: 'rules', rulesFrom: 'input "rules"' };
  if (configFile) {
    const file = pathInput('config-file', { mustExist: true, base: root, kind: 'file', allowRunnerTemp: true });
    return { rules: await readRulesFile(file), rulesInput: 'config-file', rulesFrom: path.relative(root, file) };
  }
  let name: string = presetName;
  if (name === 'auto') {
    name = detectPreset(root) ?? '';
    if (!name) {
      throw new InputError(
        'preset',
        `"auto" found no known project in ${root}`,
        `Set preset to one of ${Object.keys(PRESETS).join(', ')} or none, or declare "rules".`,
      );
    }
  }
  return { rules: name === 'none' ? [] : PRESETS[name]!, rulesInput: 'preset', rulesFrom: `preset ${name}` };
}
