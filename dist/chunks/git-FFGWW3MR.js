import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import {
  ACTIONS_IDENTITY,
  Git,
  SigningKeyError,
  SigningSession,
  authConfig,
  classifyPushFailure,
  parseIdentity,
  readSigningKey,
  unauthorizedPushFix,
  withSigningKey,
  writeSshKeyFile
} from "./chunk-NCYED6II.js";
import "./chunk-ZD4RYEIA.js";
import "./chunk-UJ7JZ2FQ.js";
import "./chunk-UBCMPRIZ.js";
import "./chunk-EBA66YNJ.js";
export {
  ACTIONS_IDENTITY,
  Git,
  SigningKeyError,
  SigningSession,
  authConfig,
  classifyPushFailure,
  parseIdentity,
  readSigningKey,
  unauthorizedPushFix,
  withSigningKey,
  writeSshKeyFile
};
