import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  __commonJS
} from "./chunk-SSVNKAZ6.js";

// builtin:fs
var require_fs = __commonJS({
  "builtin:fs"(exports, module) {
    module.exports = process.getBuiltinModule("node:fs");
  }
});

export {
  require_fs
};
