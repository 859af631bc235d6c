import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);

// packages/core/src/docker/test-presets.ts
var DEFAULT_GUI_TEST_FILE = "/.exegol/unit_tests_gui_commands.txt";
var TEST_PRESETS = {
  // run_tests.py: 30 s a line, 5 at a time (the action's defaults), each line sourced from a file.
  "exegol-images": {
    shell: ["zsh"],
    prelude: "autoload -Uz compinit; compinit; source ~/.zshrc",
    mode: "file",
    guiFile: DEFAULT_GUI_TEST_FILE
  },
  none: { shell: ["sh"], mode: "inline" }
};

export {
  TEST_PRESETS
};
