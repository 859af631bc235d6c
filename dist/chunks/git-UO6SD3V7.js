import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{ACTIONS_IDENTITY,Git,authConfig}from"./chunk-BWNLZRGT.js";import"./chunk-U23RICJG.js";import"./chunk-XJZX5YZ4.js";export{ACTIONS_IDENTITY,Git,authConfig};
