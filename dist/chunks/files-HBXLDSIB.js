import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
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
} from "./chunk-JQ4D2PB2.js";
import "./chunk-HWL2LMKB.js";
import "./chunk-444PTYBJ.js";
import "./chunk-UJ7JZ2FQ.js";
import "./chunk-UBCMPRIZ.js";
import "./chunk-EBA66YNJ.js";
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
