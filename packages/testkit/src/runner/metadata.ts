// An action's folder and its action.yml, as the runner reads them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

interface ActionInputSpec {
  description?: string;
  required?: boolean;
  /** YAML may give a number or a boolean; the runner reads it as a string. */
  default?: string | number | boolean;
}

export interface ActionMetadata {
  name: string;
  inputs: Record<string, ActionInputSpec>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; post?: string };
}

/**
 * An action's folder: a public folder name of this repository (`verify-version`), or the path of
 * any other action's folder (a vendored third-party action such as actions/checkout).
 */
export function actionDir(action: string): string {
  return path.isAbsolute(action) ? action : path.join(repoRoot, action);
}

export function readActionMetadata(action: string): ActionMetadata {
  const file = path.join(actionDir(action), 'action.yml');
  const meta = parseYaml(fs.readFileSync(file, 'utf8')) as ActionMetadata;
  meta.inputs ??= {};
  meta.outputs ??= {};
  return meta;
}
