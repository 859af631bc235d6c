import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{require_lib}from"./chunk-EC5YRWEM.js";import"./chunk-XJZX5YZ4.js";export default require_lib();
