// The shell set-up of each image family, as its own test runner had it: kept free of imports so
// an action's main can read the defaults before anything heavy loads.

export const DEFAULT_GUI_TEST_FILE = '/.exegol/unit_tests_gui_commands.txt';

/**
 * How each line runs: `file` writes it to a file in the container and sources it after the
 * prelude (Exegol's runner); `inline` passes prelude and line in one `-c` string.
 */
export type TestMode = 'file' | 'inline';

/** The shell set-up of an image family: what its own test runner did. */
export interface TestShellPreset {
  shell: string[];
  prelude?: string;
  mode: TestMode;
  /** A second file of commands that need a display, reported but not run. */
  guiFile?: string;
}

export const TEST_PRESETS: Record<'exegol-images' | 'none', TestShellPreset> = {
  // run_tests.py: 30 s a line, 5 at a time (the action's defaults), each line sourced from a file.
  'exegol-images': {
    shell: ['zsh'],
    prelude: 'autoload -Uz compinit; compinit; source ~/.zshrc',
    mode: 'file',
    guiFile: DEFAULT_GUI_TEST_FILE,
  },
  none: { shell: ['sh'], mode: 'inline' },
};
