import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
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
} from "./chunk-WASA436V.js";
import "./chunk-2VELUGMP.js";
import "./chunk-QOTITQBY.js";
import "./chunk-G4ULM5DF.js";
import "./chunk-SSVNKAZ6.js";
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
