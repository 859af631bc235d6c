// Built-in rules for the projects this toolkit was made for. Paths and shapes are those of the
// real repositories over their history (see exegol-facts.md), so old release trees verify too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VersionRule } from './rules.ts';

export const PRESETS: Record<string, VersionRule[]> = {
  'exegol-wrapper': [
    {
      name: 'ConstantConfig version',
      // 4.2 moved the file from utils/ to config/.
      files: ['exegol/config/ConstantConfig.py', 'exegol/utils/ConstantConfig.py'],
      // Since 4.3.10 a module-level `__version__ = "…"` (the class then says `version: str =
      // __version__`, which has no quotes and so does not match); before, an indented class
      // attribute `version: str = "…"`.
      pattern: `^(?:__version__|[ \\t]+version:[ \\t]*str)[ \\t]*=[ \\t]*["']([^"'\\n]+)["'][ \\t]*$`,
      role: 'version',
    },
    {
      name: 'spawn.sh spawn version',
      files: ['exegol/utils/imgsync/spawn.sh'],
      pattern: `^# Spawn Version:[ \\t]*([^\\s]+)[ \\t]*$`,
      role: 'stable-marker',
      optional: true,
    },
    {
      name: 'test file version',
      // Renamed from test_exegol.py; upstream stopped updating it at '4.3.7', hence a warning.
      files: ['tests/exegol_test.py', 'tests/test_exegol.py'],
      pattern: `^[ \\t]*assert __version__ == ["']([^"'\\n]+)["'][ \\t]*$`,
      role: 'final',
      optional: true,
      severity: 'warning',
    },
  ],
  // The images repository has no version file: its version comes from the release PR title or
  // the tag, so the preset declares no rules.
  'exegol-images': [],
};

export const PRESET_NAMES = ['auto', ...Object.keys(PRESETS), 'none'] as const;

/** The preset a checkout looks like, for `preset: auto`. */
export function detectPreset(root: string): string | null {
  const wrapper = PRESETS['exegol-wrapper']![0]!.files;
  if (wrapper.some((f) => fs.existsSync(path.join(root, f)))) return 'exegol-wrapper';
  return null;
}
