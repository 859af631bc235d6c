import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  PRESETS,
  PRESET_NAMES,
  ROLES,
  compileRulePattern,
  detectPreset,
  findRuleValue,
  location,
  parseRules,
  readRulesFile,
  replaceRuleValue,
  resolveRuleFile,
  rulesFromInputs
} from "./chunk-VC36UC5U.js";
import "./chunk-44VCN7XQ.js";
import "./chunk-EF3Y6A4G.js";
import "./chunk-QOTITQBY.js";
import "./chunk-G4ULM5DF.js";
import "./chunk-SSVNKAZ6.js";
export {
  PRESETS,
  PRESET_NAMES,
  ROLES,
  compileRulePattern,
  detectPreset,
  findRuleValue,
  location,
  parseRules,
  readRulesFile,
  replaceRuleValue,
  resolveRuleFile,
  rulesFromInputs
};
