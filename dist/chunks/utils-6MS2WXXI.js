import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  GitHub,
  context,
  defaults,
  getOctokitOptions,
  getUserAgentWithOrchestrationId
} from "./chunk-FRNUW2ST.js";
import "./chunk-JYPXPZPD.js";
import "./chunk-XUAATKEB.js";
import "./chunk-G4ULM5DF.js";
import "./chunk-SSVNKAZ6.js";
export {
  GitHub,
  context,
  defaults,
  getOctokitOptions,
  getUserAgentWithOrchestrationId
};
