import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
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
} from "./chunk-THA6VSJD.js";
import "./chunk-EBA66YNJ.js";
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
