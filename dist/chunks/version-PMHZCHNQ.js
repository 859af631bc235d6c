import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  VersionError,
  compareVersions,
  formatVersion,
  hasLeadingZeros,
  highestVersionTag,
  nextPrerelease,
  parseVersion,
  parseVersionTag,
  sameVersion,
  tryParseVersion
} from "./chunk-KOIZJGE4.js";
import "./chunk-SSVNKAZ6.js";
export {
  VersionError,
  compareVersions,
  formatVersion,
  hasLeadingZeros,
  highestVersionTag,
  nextPrerelease,
  parseVersion,
  parseVersionTag,
  sameVersion,
  tryParseVersion
};
