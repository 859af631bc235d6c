import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
var DEFAULT_GUI_TEST_FILE="/.exegol/unit_tests_gui_commands.txt",TEST_PRESETS={"exegol-images":{shell:["zsh"],prelude:"autoload -Uz compinit; compinit; source ~/.zshrc",mode:"file",guiFile:DEFAULT_GUI_TEST_FILE},none:{shell:["sh"],mode:"inline"}};export{TEST_PRESETS};
