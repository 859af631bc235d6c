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
} from "./chunk-MFDKH5HK.js";
import "./chunk-5UW2NN4B.js";
import "./chunk-IIZPUXYS.js";
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
