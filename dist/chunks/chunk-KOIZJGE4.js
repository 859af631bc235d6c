import{createRequire as __cr}from'node:module';let __req;const require=(id)=>(__req??=__cr(import.meta.url))(id);
import {
  __commonJS,
  __toESM
} from "./chunk-SSVNKAZ6.js";

// node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/debug.js
var require_debug = __commonJS({
  "node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/debug.js"(exports, module) {
    "use strict";
    var debug = typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG) ? (...args) => console.error("SEMVER", ...args) : () => {
    };
    module.exports = debug;
  }
});

// node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/constants.js
var require_constants = __commonJS({
  "node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/constants.js"(exports, module) {
    "use strict";
    var SEMVER_SPEC_VERSION = "2.0.0";
    var MAX_LENGTH = 256;
    var MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER || /* istanbul ignore next */
    9007199254740991;
    var MAX_SAFE_COMPONENT_LENGTH = 16;
    var MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;
    var WHITESPACE_CHARACTERS = [
      "	",
      "\n",
      "\v",
      "\f",
      "\r",
      " ",
      "\xA0",
      "\u1680",
      "\u2000",
      "\u2001",
      "\u2002",
      "\u2003",
      "\u2004",
      "\u2005",
      "\u2006",
      "\u2007",
      "\u2008",
      "\u2009",
      "\u200A",
      "\u2028",
      "\u2029",
      "\u202F",
      "\u205F",
      "\u3000",
      "\uFEFF"
    ];
    var RELEASE_TYPES = [
      "major",
      "premajor",
      "minor",
      "preminor",
      "patch",
      "prepatch",
      "prerelease"
    ];
    module.exports = {
      MAX_LENGTH,
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_SAFE_INTEGER,
      WHITESPACE_CHARACTERS,
      RELEASE_TYPES,
      SEMVER_SPEC_VERSION,
      FLAG_INCLUDE_PRERELEASE: 1,
      FLAG_LOOSE: 2
    };
  }
});

// node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/re.js
var require_re = __commonJS({
  "node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/re.js"(exports, module) {
    "use strict";
    var {
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_LENGTH
    } = require_constants();
    var debug = require_debug();
    exports = module.exports = {};
    var re = exports.re = [];
    var safeRe = exports.safeRe = [];
    var src = exports.src = [];
    var safeSrc = exports.safeSrc = [];
    var t = exports.t = {};
    var R = 0;
    var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
    var safeRegexReplacements = [
      ["\\s", 1],
      ["\\d", MAX_LENGTH],
      [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
    ];
    var makeSafeRegex = (value) => {
      for (const [token, max] of safeRegexReplacements) {
        value = value.split(`${token}*`).join(`${token}{0,${max}}`).split(`${token}+`).join(`${token}{1,${max}}`);
      }
      return value;
    };
    var createToken = (name, value, isGlobal) => {
      const safe = makeSafeRegex(value);
      const index = R++;
      debug(name, index, value);
      t[name] = index;
      src[index] = value;
      safeSrc[index] = safe;
      re[index] = new RegExp(value, isGlobal ? "g" : void 0);
      safeRe[index] = new RegExp(safe, isGlobal ? "g" : void 0);
    };
    createToken("NUMERICIDENTIFIER", "0|[1-9]\\d*");
    createToken("NUMERICIDENTIFIERLOOSE", "\\d+");
    createToken("NONNUMERICIDENTIFIER", `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`);
    createToken("MAINVERSION", `(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})`);
    createToken("MAINVERSIONLOOSE", `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASEIDENTIFIER", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIER]})`);
    createToken("PRERELEASEIDENTIFIERLOOSE", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASE", `(?:-(${src[t.PRERELEASEIDENTIFIER]}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`);
    createToken("PRERELEASELOOSE", `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`);
    createToken("BUILDIDENTIFIER", `${LETTERDASHNUMBER}+`);
    createToken("BUILD", `(?:\\+(${src[t.BUILDIDENTIFIER]}(?:\\.${src[t.BUILDIDENTIFIER]})*))`);
    createToken("FULLPLAIN", `v?${src[t.MAINVERSION]}${src[t.PRERELEASE]}?${src[t.BUILD]}?`);
    createToken("FULL", `^${src[t.FULLPLAIN]}$`);
    createToken("LOOSEPLAIN", `[v=\\s]*${src[t.MAINVERSIONLOOSE]}${src[t.PRERELEASELOOSE]}?${src[t.BUILD]}?`);
    createToken("LOOSE", `^${src[t.LOOSEPLAIN]}$`);
    createToken("GTLT", "((?:<|>)?=?)");
    createToken("XRANGEIDENTIFIERLOOSE", `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`);
    createToken("XRANGEIDENTIFIER", `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`);
    createToken("XRANGEPLAIN", `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:${src[t.PRERELEASE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGEPLAINLOOSE", `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:${src[t.PRERELEASELOOSE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`);
    createToken("XRANGELOOSE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COERCEPLAIN", `${"(^|[^\\d])(\\d{1,"}${MAX_SAFE_COMPONENT_LENGTH}})(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`);
    createToken("COERCE", `${src[t.COERCEPLAIN]}(?:$|[^\\d])`);
    createToken("COERCEFULL", src[t.COERCEPLAIN] + `(?:${src[t.PRERELEASE]})?(?:${src[t.BUILD]})?(?:$|[^\\d])`);
    createToken("COERCERTL", src[t.COERCE], true);
    createToken("COERCERTLFULL", src[t.COERCEFULL], true);
    createToken("LONETILDE", "(?:~>?)");
    createToken("TILDETRIM", `(\\s*)${src[t.LONETILDE]}\\s+`, true);
    exports.tildeTrimReplace = "$1~";
    createToken("TILDE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
    createToken("TILDELOOSE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("LONECARET", "(?:\\^)");
    createToken("CARETTRIM", `(\\s*)${src[t.LONECARET]}\\s+`, true);
    exports.caretTrimReplace = "$1^";
    createToken("CARET", `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
    createToken("CARETLOOSE", `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COMPARATORLOOSE", `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
    createToken("COMPARATOR", `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);
    createToken("COMPARATORTRIM", `(\\s*)${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
    exports.comparatorTrimReplace = "$1$2$3";
    createToken("HYPHENRANGE", `^\\s*(${src[t.XRANGEPLAIN]})\\s+-\\s+(${src[t.XRANGEPLAIN]})\\s*$`);
    createToken("HYPHENRANGELOOSE", `^\\s*(${src[t.XRANGEPLAINLOOSE]})\\s+-\\s+(${src[t.XRANGEPLAINLOOSE]})\\s*$`);
    createToken("STAR", "(<|>)?=?\\s*\\*");
    createToken("GTE0", "^\\s*>=\\s*0\\.0\\.0\\s*$");
    createToken("GTE0PRE", "^\\s*>=\\s*0\\.0\\.0-0\\s*$");
  }
});

// node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/parse-options.js
var require_parse_options = __commonJS({
  "node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/parse-options.js"(exports, module) {
    "use strict";
    var looseOption = Object.freeze({ loose: true });
    var emptyOpts = Object.freeze({});
    var parseOptions = (options) => {
      if (!options) {
        return emptyOpts;
      }
      if (typeof options !== "object") {
        return looseOption;
      }
      return options;
    };
    module.exports = parseOptions;
  }
});

// node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/identifiers.js
var require_identifiers = __commonJS({
  "node_modules/.pnpm/semver@7.8.6/node_modules/semver/internal/identifiers.js"(exports, module) {
    "use strict";
    var numeric = /^[0-9]+$/;
    var compareIdentifiers = (a, b) => {
      if (typeof a === "number" && typeof b === "number") {
        return a === b ? 0 : a < b ? -1 : 1;
      }
      const anum = numeric.test(a);
      const bnum = numeric.test(b);
      if (anum && bnum) {
        a = +a;
        b = +b;
      }
      return a === b ? 0 : anum && !bnum ? -1 : bnum && !anum ? 1 : a < b ? -1 : 1;
    };
    var rcompareIdentifiers = (a, b) => compareIdentifiers(b, a);
    module.exports = {
      compareIdentifiers,
      rcompareIdentifiers
    };
  }
});

// node_modules/.pnpm/semver@7.8.6/node_modules/semver/classes/semver.js
var require_semver = __commonJS({
  "node_modules/.pnpm/semver@7.8.6/node_modules/semver/classes/semver.js"(exports, module) {
    "use strict";
    var debug = require_debug();
    var { MAX_LENGTH, MAX_SAFE_INTEGER } = require_constants();
    var { safeRe: re, t } = require_re();
    var parseOptions = require_parse_options();
    var { compareIdentifiers } = require_identifiers();
    var isPrereleaseIdentifier = (prerelease, identifier) => {
      const identifiers = identifier.split(".");
      if (identifiers.length > prerelease.length) {
        return false;
      }
      for (let i = 0; i < identifiers.length; i++) {
        if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
          return false;
        }
      }
      return true;
    };
    var SemVer = class _SemVer {
      constructor(version, options) {
        options = parseOptions(options);
        if (version instanceof _SemVer) {
          if (version.loose === !!options.loose && version.includePrerelease === !!options.includePrerelease) {
            return version;
          } else {
            version = version.version;
          }
        } else if (typeof version !== "string") {
          throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`);
        }
        if (version.length > MAX_LENGTH) {
          throw new TypeError(
            `version is longer than ${MAX_LENGTH} characters`
          );
        }
        debug("SemVer", version, options);
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL]);
        if (!m) {
          throw new TypeError(`Invalid Version: ${version}`);
        }
        this.raw = version;
        this.major = +m[1];
        this.minor = +m[2];
        this.patch = +m[3];
        if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
          throw new TypeError("Invalid major version");
        }
        if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
          throw new TypeError("Invalid minor version");
        }
        if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
          throw new TypeError("Invalid patch version");
        }
        if (!m[4]) {
          this.prerelease = [];
        } else {
          this.prerelease = m[4].split(".").map((id) => {
            if (/^[0-9]+$/.test(id)) {
              const num = +id;
              if (num >= 0 && num < MAX_SAFE_INTEGER) {
                return num;
              }
            }
            return id;
          });
        }
        this.build = m[5] ? m[5].split(".") : [];
        this.format();
      }
      format() {
        this.version = `${this.major}.${this.minor}.${this.patch}`;
        if (this.prerelease.length) {
          this.version += `-${this.prerelease.join(".")}`;
        }
        return this.version;
      }
      toString() {
        return this.version;
      }
      compare(other) {
        debug("SemVer.compare", this.version, this.options, other);
        if (!(other instanceof _SemVer)) {
          if (typeof other === "string" && other === this.version) {
            return 0;
          }
          other = new _SemVer(other, this.options);
        }
        if (other.version === this.version) {
          return 0;
        }
        return this.compareMain(other) || this.comparePre(other);
      }
      compareMain(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.major < other.major) {
          return -1;
        }
        if (this.major > other.major) {
          return 1;
        }
        if (this.minor < other.minor) {
          return -1;
        }
        if (this.minor > other.minor) {
          return 1;
        }
        if (this.patch < other.patch) {
          return -1;
        }
        if (this.patch > other.patch) {
          return 1;
        }
        return 0;
      }
      comparePre(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.prerelease.length && !other.prerelease.length) {
          return -1;
        } else if (!this.prerelease.length && other.prerelease.length) {
          return 1;
        } else if (!this.prerelease.length && !other.prerelease.length) {
          return 0;
        }
        let i = 0;
        do {
          const a = this.prerelease[i];
          const b = other.prerelease[i];
          debug("prerelease compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      compareBuild(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        let i = 0;
        do {
          const a = this.build[i];
          const b = other.build[i];
          debug("build compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      // preminor will bump the version up to the next minor release, and immediately
      // down to pre-release. premajor and prepatch work the same way.
      inc(release, identifier, identifierBase) {
        if (release.startsWith("pre")) {
          if (!identifier && identifierBase === false) {
            throw new Error("invalid increment argument: identifier is empty");
          }
          if (identifier) {
            const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE]);
            if (!match || match[1] !== identifier) {
              throw new Error(`invalid identifier: ${identifier}`);
            }
          }
        }
        switch (release) {
          case "premajor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor = 0;
            this.major++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "preminor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "prepatch":
            this.prerelease.length = 0;
            this.inc("patch", identifier, identifierBase);
            this.inc("pre", identifier, identifierBase);
            break;
          // If the input is a non-prerelease version, this acts the same as
          // prepatch.
          case "prerelease":
            if (this.prerelease.length === 0) {
              this.inc("patch", identifier, identifierBase);
            }
            this.inc("pre", identifier, identifierBase);
            break;
          case "release":
            if (this.prerelease.length === 0) {
              throw new Error(`version ${this.raw} is not a prerelease`);
            }
            this.prerelease.length = 0;
            break;
          case "major":
            if (this.minor !== 0 || this.patch !== 0 || this.prerelease.length === 0) {
              this.major++;
            }
            this.minor = 0;
            this.patch = 0;
            this.prerelease = [];
            break;
          case "minor":
            if (this.patch !== 0 || this.prerelease.length === 0) {
              this.minor++;
            }
            this.patch = 0;
            this.prerelease = [];
            break;
          case "patch":
            if (this.prerelease.length === 0) {
              this.patch++;
            }
            this.prerelease = [];
            break;
          // This probably shouldn't be used publicly.
          // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
          case "pre": {
            const base = Number(identifierBase) ? 1 : 0;
            if (this.prerelease.length === 0) {
              this.prerelease = [base];
            } else {
              let i = this.prerelease.length;
              while (--i >= 0) {
                if (typeof this.prerelease[i] === "number") {
                  this.prerelease[i]++;
                  i = -2;
                }
              }
              if (i === -1) {
                if (identifier === this.prerelease.join(".") && identifierBase === false) {
                  throw new Error("invalid increment argument: identifier already exists");
                }
                this.prerelease.push(base);
              }
            }
            if (identifier) {
              let prerelease = [identifier, base];
              if (identifierBase === false) {
                prerelease = [identifier];
              }
              if (isPrereleaseIdentifier(this.prerelease, identifier)) {
                const prereleaseBase = this.prerelease[identifier.split(".").length];
                if (isNaN(prereleaseBase)) {
                  this.prerelease = prerelease;
                }
              } else {
                this.prerelease = prerelease;
              }
            }
            break;
          }
          default:
            throw new Error(`invalid increment argument: ${release}`);
        }
        this.raw = this.format();
        if (this.build.length) {
          this.raw += `+${this.build.join(".")}`;
        }
        return this;
      }
    };
    module.exports = SemVer;
  }
});

// node_modules/.pnpm/semver@7.8.6/node_modules/semver/functions/parse.js
var require_parse = __commonJS({
  "node_modules/.pnpm/semver@7.8.6/node_modules/semver/functions/parse.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse2 = (version, options, throwErrors = false) => {
      if (version instanceof SemVer) {
        return version;
      }
      try {
        return new SemVer(version, options);
      } catch (er) {
        if (!throwErrors) {
          return null;
        }
        throw er;
      }
    };
    module.exports = parse2;
  }
});

// node_modules/.pnpm/@renovatebot+pep440@5.0.1/node_modules/@renovatebot/pep440/lib/version.js
var VERSION_PATTERN = [
  "v?",
  "(?:",
  /* */
  "(?:(?<epoch>[0-9]+)!)?",
  // epoch
  /* */
  "(?<release>[0-9]+(?:\\.[0-9]+)*)",
  // release segment
  /* */
  "(?<pre>",
  // pre-release
  /*    */
  "[-_\\.]?",
  /*    */
  "(?<pre_l>(a|b|c|rc|alpha|beta|pre|preview))",
  /*    */
  "[-_\\.]?",
  /*    */
  "(?<pre_n>[0-9]+)?",
  /* */
  ")?",
  /* */
  "(?<post>",
  // post release
  /*    */
  "(?:-(?<post_n1>[0-9]+))",
  /*    */
  "|",
  /*    */
  "(?:",
  /*        */
  "[-_\\.]?",
  /*        */
  "(?<post_l>post|rev|r)",
  /*        */
  "[-_\\.]?",
  /*        */
  "(?<post_n2>[0-9]+)?",
  /*    */
  ")",
  /* */
  ")?",
  /* */
  "(?<dev>",
  // dev release
  /*    */
  "[-_\\.]?",
  /*    */
  "(?<dev_l>dev)",
  /*    */
  "[-_\\.]?",
  /*    */
  "(?<dev_n>[0-9]+)?",
  /* */
  ")?",
  ")",
  "(?:\\+(?<local>[a-z0-9]+(?:[-_\\.][a-z0-9]+)*))?"
  // local version
].join("");
var validRegex = new RegExp("^" + VERSION_PATTERN + "$", "i");
var cleanRegex = new RegExp("^\\s*" + VERSION_PATTERN + "\\s*$", "i");
function clean(version) {
  return stringify(parse(version, cleanRegex));
}
function parse(version, regex) {
  const { groups } = (regex || validRegex).exec(version) || {};
  if (!groups) {
    return null;
  }
  const parsed = {
    epoch: Number(groups.epoch ? groups.epoch : 0),
    release: groups.release.split(".").map(Number),
    pre: normalize_letter_version(groups.pre_l, groups.pre_n),
    post: normalize_letter_version(
      groups.post_l,
      groups.post_n1 || groups.post_n2
    ),
    dev: normalize_letter_version(groups.dev_l, groups.dev_n),
    local: parse_local_version(groups.local)
  };
  return parsed;
}
function stringify(parsed) {
  if (!parsed) {
    return null;
  }
  const { epoch, release, pre, post, dev, local } = parsed;
  const parts = [];
  if (epoch !== 0) {
    parts.push(`${epoch}!`);
  }
  parts.push(release.join("."));
  if (pre) {
    parts.push(pre.join(""));
  }
  if (post) {
    parts.push("." + post.join(""));
  }
  if (dev) {
    parts.push("." + dev.join(""));
  }
  if (local) {
    parts.push(`+${local}`);
  }
  return parts.join("");
}
function normalize_letter_version(letterIn, numberIn) {
  let letter = letterIn;
  let number = numberIn;
  if (letter) {
    if (!number) {
      number = 0;
    }
    letter = letter.toLowerCase();
    if (letter === "alpha") {
      letter = "a";
    } else if (letter === "beta") {
      letter = "b";
    } else if (["c", "pre", "preview"].includes(letter)) {
      letter = "rc";
    } else if (["rev", "r"].includes(letter)) {
      letter = "post";
    }
    return [letter, Number(number)];
  }
  if (!letter && number) {
    letter = "post";
    return [letter, Number(number)];
  }
  return null;
}
function parse_local_version(local) {
  if (local) {
    return local.split(/[._-]/).map(
      (part) => Number.isNaN(Number(part)) ? part.toLowerCase() : Number(part)
    );
  }
  return null;
}

// node_modules/.pnpm/@renovatebot+pep440@5.0.1/node_modules/@renovatebot/pep440/lib/operator.js
function compare(version, other) {
  const parsedVersion = parse(version);
  const parsedOther = parse(other);
  const keyVersion = calculateKey(parsedVersion);
  const keyOther = calculateKey(parsedOther);
  return pyCompare(keyVersion, keyOther);
}
function pyCompare(elemIn, otherIn) {
  let elem = elemIn;
  let other = otherIn;
  if (elem === other) {
    return 0;
  }
  if (Array.isArray(elem) !== Array.isArray(other)) {
    elem = Array.isArray(elem) ? elem : [elem];
    other = Array.isArray(other) ? other : [other];
  }
  if (Array.isArray(elem)) {
    const len = Math.min(elem.length, other.length);
    for (let i = 0; i < len; i += 1) {
      const res = pyCompare(elem[i], other[i]);
      if (res !== 0) {
        return res;
      }
    }
    return elem.length - other.length;
  }
  if (elem === -Infinity || other === Infinity) {
    return -1;
  }
  if (elem === Infinity || other === -Infinity) {
    return 1;
  }
  return elem < other ? -1 : 1;
}
function calculateKey(input) {
  const { epoch } = input;
  let { release, pre, post, local, dev } = input;
  release = release.concat();
  release.reverse();
  while (release.length && release[0] === 0) {
    release.shift();
  }
  release.reverse();
  if (!pre && !post && dev) pre = -Infinity;
  else if (!pre) pre = Infinity;
  if (!post) post = -Infinity;
  if (!dev) dev = Infinity;
  if (!local) {
    local = -Infinity;
  } else {
    local = local.map(
      (i) => Number.isNaN(Number(i)) ? [-Infinity, i] : [Number(i), ""]
    );
  }
  return [epoch, release, pre, post, dev, local];
}

// node_modules/.pnpm/@renovatebot+pep440@5.0.1/node_modules/@renovatebot/pep440/lib/specifier.js
var RANGE_PATTERN = [
  "(?<operator>(===|~=|==|!=|<=|>=|<|>))",
  "\\s*",
  "(",
  /*  */
  "(?<version>(?:" + VERSION_PATTERN.replace(/\?<\w+>/g, "?:") + "))",
  /*  */
  "(?<prefix>\\.\\*)?",
  /*  */
  "|",
  /*  */
  "(?<legacy>[^,;\\s)]+)",
  ")"
].join("");
var rangeRegex = new RegExp("^" + RANGE_PATTERN + "$", "i");

// packages/core/src/version/index.ts
var import_parse = __toESM(require_parse(), 1);
var VersionError = class extends Error {
  name = "VersionError";
};
var EXPECTED = {
  pep440: "expected PEP 440 like 4.3.6 or 4.3.6b1",
  semver: "expected semver like 1.2.3 or 1.2.3-beta.1",
  auto: "expected PEP 440 like 4.3.6 or 4.3.6b1 (or semver like 1.2.3-beta.1)"
};
var KIND_RANK = { a: 0, b: 1, rc: 2 };
var SEMVER_LABEL = { a: "alpha", b: "beta", rc: "rc" };
var KIND_OF_SEMVER_LABEL = /* @__PURE__ */ new Map([
  ["alpha", "a"],
  ["beta", "b"],
  ["rc", "rc"]
]);
var SEMVER_SHAPE = /^\d+\.\d+\.\d+-(?:alpha|beta|rc)\.\d+$/;
var PEP440_GRAMMAR = new RegExp(`^${VERSION_PATTERN}$`, "i");
function parseVersion(raw, scheme = "auto") {
  if (!Object.hasOwn(EXPECTED, scheme)) {
    throw new TypeError(`unknown version scheme ${JSON.stringify(scheme)}: use pep440, semver or auto`);
  }
  const refuse = (reason) => {
    const shown = typeof raw === "string" ? JSON.stringify(raw) : String(raw);
    throw new VersionError(`${shown} is not a valid version: ${reason ? `${reason}; ` : ""}${EXPECTED[scheme]}`);
  };
  const accept = (reading) => typeof reading === "string" ? refuse(reading || null) : reading;
  const problem = surfaceProblem(raw);
  if (problem) return refuse(problem);
  if (scheme === "semver") return accept(readSemver(raw));
  if (scheme === "auto" && SEMVER_SHAPE.test(raw)) return accept(readSemver(raw));
  const asPep440 = readPep440(raw);
  if (scheme === "pep440" || typeof asPep440 !== "string" || !raw.includes("-")) return accept(asPep440);
  const asSemver = readSemver(raw);
  return typeof asSemver === "string" ? refuse(asSemver || asPep440 || null) : asSemver;
}
function tryParseVersion(raw, scheme = "auto") {
  try {
    return parseVersion(raw, scheme);
  } catch (error) {
    if (error instanceof VersionError) return null;
    throw error;
  }
}
function compareVersions(a, b) {
  return Math.sign(compare(spell(a, "pep440"), spell(b, "pep440")));
}
function sameVersion(a, b) {
  return compareVersions(a, b) === 0;
}
function nextPrerelease(v, opts = {}) {
  const { part = "patch", pre: kind = "b" } = opts;
  if (!["patch", "minor", "major"].includes(part)) {
    throw new TypeError(`unknown version part ${JSON.stringify(part)}: use patch, minor or major`);
  }
  if (!Object.hasOwn(KIND_RANK, kind)) {
    throw new TypeError(`unknown pre-release kind ${JSON.stringify(kind)}: use a, b or rc`);
  }
  const target = targetRelease(v, part);
  const staysInRelease = target.major === v.major && target.minor === v.minor && target.patch === v.patch;
  let number = 1;
  if (staysInRelease && v.pre) {
    const current = v.pre;
    if (KIND_RANK[current.kind] > KIND_RANK[kind]) {
      const backwards = spell({ ...target, pre: { kind, number: 1 } }, v.scheme);
      const same = spell({ ...target, pre: { kind: current.kind, number: current.number + 1 } }, v.scheme);
      throw new VersionError(
        `cannot go from ${v.normalized} to a "${kind}" pre-release: ${backwards} would sort before it; the next "${current.kind}" is ${same}, or release ${v.final} first`
      );
    }
    if (current.kind === kind) number = v.dev !== null && v.post === null ? current.number : current.number + 1;
  }
  return spell({ ...target, pre: { kind, number }, post: null, dev: null }, v.scheme);
}
function targetRelease(v, part) {
  const { major: major2, minor: minor2, patch: patch2 } = v;
  const own = { major: major2, minor: minor2, patch: patch2 };
  const towardsOwn = v.pre !== null || v.dev !== null && v.post === null;
  if (part === "major")
    return towardsOwn && minor2 === 0 && patch2 === 0 ? own : { major: major2 + 1, minor: 0, patch: 0 };
  if (part === "minor") return towardsOwn && patch2 === 0 ? own : { major: major2, minor: minor2 + 1, patch: 0 };
  return towardsOwn ? own : { major: major2, minor: minor2, patch: patch2 + 1 };
}
function formatVersion(parts, scheme) {
  if (scheme === "semver" && (parts.dev != null || parts.post != null)) {
    throw new VersionError(
      `${spell(parts, "pep440")} cannot be written as semver: semver has no ${parts.dev != null ? "dev" : "post"} releases`
    );
  }
  return parseVersion(spell(parts, scheme), scheme).normalized;
}
function parseVersionTag(tag, prefix = "", scheme = "auto") {
  if (!tag.startsWith(prefix)) return null;
  return tryParseVersion(tag.slice(prefix.length), scheme);
}
function highestVersionTag(candidates, opts = {}) {
  const tags = "mergedIntoHead" in candidates ? candidates.mergedIntoHead : candidates.anyTag;
  const except = new Set(opts.except);
  let best = null;
  for (const tag of tags) {
    if (except.has(tag)) continue;
    const version = parseVersionTag(tag, opts.prefix, opts.scheme);
    if (!version || opts.stableOnly && version.isPrerelease) continue;
    if (opts.below && compareVersions(version, opts.below) >= 0) continue;
    if (!best || compareVersions(version, best.version) > 0) best = { tag, version };
  }
  return best;
}
function surfaceProblem(raw) {
  if (typeof raw !== "string") return `expected a string, got ${raw === null ? "null" : typeof raw}`;
  if (raw === "") return "it is empty";
  if (raw.trim() !== raw) return "it has leading or trailing whitespace";
  if (/^v/i.test(raw)) return 'it starts with "v" (remove the tag prefix first, e.g. parseVersionTag(tag, "v"))';
  if (raw.includes("+")) return 'local versions and build metadata ("+...") are not accepted';
  if (raw.includes("!")) return 'epochs ("N!") are not accepted';
  return null;
}
function readPep440(raw) {
  const written = PEP440_GRAMMAR.exec(raw)?.groups;
  const parsed = parse(raw);
  const normalized = clean(raw);
  if (!written || !parsed || !normalized) return "";
  if (written.post_n1)
    return `the implicit post-release "-${written.post_n1}" reads as a semver pre-release too: write .post${written.post_n1}`;
  if (written.post_l && !written.post_n2) return `"${written.post_l}" needs a number (like 4.3.5.post1)`;
  if (written.pre_l && !written.pre_n) return `pre-release "${written.pre_l}" needs a number (like 4.3.6b1)`;
  if (written.dev_l && !written.dev_n) return `"${written.dev_l}" needs a number (like 4.3.6.dev1)`;
  if (parsed.release.length > 3) return `the release has ${parsed.release.length} parts, at most 3 (X.Y.Z) are allowed`;
  const [major2 = 0, minor2 = 0, patch2 = 0] = parsed.release;
  const pre = parsed.pre ? { kind: parsed.pre[0], number: Number(parsed.pre[1]) } : null;
  const post = parsed.post ? Number(parsed.post[1]) : null;
  const dev = parsed.dev ? Number(parsed.dev[1]) : null;
  if (![major2, minor2, patch2, pre?.number ?? 0, post ?? 0, dev ?? 0].every(Number.isSafeInteger))
    return "a number is too large";
  return makeVersion(raw, "pep440", normalized, { major: major2, minor: minor2, patch: patch2, pre, post, dev });
}
function readSemver(raw) {
  const parsed = (0, import_parse.default)(raw);
  if (!parsed) return "";
  const [label, number, ...rest] = parsed.prerelease;
  const kind = KIND_OF_SEMVER_LABEL.get(label);
  let pre = null;
  if (parsed.prerelease.length > 0) {
    if (!kind || typeof number !== "number" || rest.length > 0) {
      return `semver pre-release "${parsed.prerelease.join(".")}" is not supported (use alpha.N, beta.N or rc.N)`;
    }
    pre = { kind, number };
  }
  return makeVersion(raw, "semver", parsed.format(), {
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    pre,
    post: null,
    dev: null
  });
}
function makeVersion(raw, scheme, normalized, parts) {
  const { major: major2, minor: minor2, patch: patch2, post, dev } = parts;
  const pre = parts.pre && Object.freeze({ ...parts.pre });
  return Object.freeze({
    raw,
    scheme,
    normalized,
    major: major2,
    minor: minor2,
    patch: patch2,
    pre,
    post,
    dev,
    isPrerelease: pre !== null || dev !== null,
    final: `${major2}.${minor2}.${patch2}`
  });
}
function spell(parts, scheme) {
  const { major: major2, minor: minor2, patch: patch2, pre } = parts;
  const release = `${major2}.${minor2}.${patch2}`;
  if (scheme === "semver") return pre ? `${release}-${SEMVER_LABEL[pre.kind]}.${pre.number}` : release;
  const post = parts.post ?? null;
  const dev = parts.dev ?? null;
  return `${release}${pre ? `${pre.kind}${pre.number}` : ""}${post === null ? "" : `.post${post}`}${dev === null ? "" : `.dev${dev}`}`;
}
function hasLeadingZeros(raw) {
  return /(?:^|[^0-9])0[0-9]/.test(raw);
}

export {
  VersionError,
  parseVersion,
  tryParseVersion,
  compareVersions,
  sameVersion,
  nextPrerelease,
  formatVersion,
  parseVersionTag,
  highestVersionTag,
  hasLeadingZeros
};
