import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import {
  require_light
} from "./chunk-VHYLZW4E.js";
import "./chunk-EBA66YNJ.js";
export default require_light();
