import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import {
  __commonJS
} from "./chunk-EBA66YNJ.js";

// builtin:fs
var require_fs = __commonJS({
  "builtin:fs"(exports, module) {
    module.exports = process.getBuiltinModule("node:fs");
  }
});

export {
  require_fs
};
