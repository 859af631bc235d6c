import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{require_light}from"./chunk-XCZYC6R2.js";import"./chunk-XJZX5YZ4.js";export default require_light();
