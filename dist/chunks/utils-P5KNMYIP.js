import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import {
  GitHub,
  context,
  defaults,
  getOctokitOptions,
  getUserAgentWithOrchestrationId
} from "./chunk-ZKU3UQE5.js";
import "./chunk-44MDRXZ2.js";
import "./chunk-VOQLMPUR.js";
import "./chunk-UBCMPRIZ.js";
import "./chunk-EBA66YNJ.js";
export {
  GitHub,
  context,
  defaults,
  getOctokitOptions,
  getUserAgentWithOrchestrationId
};
