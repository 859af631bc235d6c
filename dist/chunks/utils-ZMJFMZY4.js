import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{GitHub,context,defaults,getOctokitOptions,getUserAgentWithOrchestrationId}from"./chunk-F27Q3ZDW.js";import"./chunk-RFZS2WOU.js";import"./chunk-EC5YRWEM.js";import"./chunk-XJZX5YZ4.js";export{GitHub,context,defaults,getOctokitOptions,getUserAgentWithOrchestrationId};
