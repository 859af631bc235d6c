import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);
import{VersionError,compareVersions,formatVersion,isVersionTag,nextPrerelease,parseVersion,sameVersion,tryParseVersion}from"./chunk-JAKACWRF.js";import"./chunk-XJZX5YZ4.js";export{VersionError,compareVersions,formatVersion,isVersionTag,nextPrerelease,parseVersion,sameVersion,tryParseVersion};
