import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  require_light
} from "./chunk-XP3J6MKY.js";
import "./chunk-SSVNKAZ6.js";
export default require_light();
