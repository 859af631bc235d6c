import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  VersionError,
  compareVersions,
  formatVersion,
  hasLeadingZeros,
  isVersionTag,
  nextPrerelease,
  parseVersion,
  sameVersion,
  tryParseVersion
} from "./chunk-7GDDZLFP.js";
import "./chunk-SSVNKAZ6.js";
export {
  VersionError,
  compareVersions,
  formatVersion,
  hasLeadingZeros,
  isVersionTag,
  nextPrerelease,
  parseVersion,
  sameVersion,
  tryParseVersion
};
