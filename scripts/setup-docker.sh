#!/usr/bin/env bash
# Brings up the real Docker parts the image tests use, from Debian's packages only (no image can be
# pulled from any registry on the machines this runs on):
#   - a Docker engine (docker.io), started in the background when none answers;
#   - emulation of the other architecture (qemu-user-static + binfmt_misc), so an amd64 host runs
#     arm64 images and the other way round;
#   - a registry (docker-registry) on 127.0.0.1:5000, no auth, deletes enabled, loopback only;
#   - two base images, exegol-actions/busybox:amd64 and :arm64, made from Debian's busybox-static
#     package of each architecture;
#   - a Debian image with zsh (exegol-actions/debian-zsh:bookworm, native architecture), made with
#     debootstrap, for the tests of Exegol's own test shell (zsh, ~/.zshrc, aliases);
#   - the docker buildx CLI plugin, from Debian trixie's docker-buildx package (a static binary),
#     so the buildx path runs for real next to bookworm's engine, as on GitHub's runners.
# Idempotent: each part is checked first and left alone when it is already there, so running it
# twice (or on a GitHub runner that already has Docker) changes nothing.
#
#   scripts/setup-docker.sh            set everything up
#   scripts/setup-docker.sh --check    only report what is missing (exit 1 if anything is)
set -euo pipefail

STATE_DIR=${EXEGOL_DOCKER_STATE:-/var/lib/exegol-actions-docker}
REGISTRY_ADDR=${EXEGOL_REGISTRY_ADDR:-127.0.0.1:5000}
BASE_REPO=${EXEGOL_BASE_IMAGE:-exegol-actions/busybox}
CHECK_ONLY=false
[ "${1:-}" = --check ] && CHECK_ONLY=true

SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo -n)

say() { printf '» %s\n' "$*"; }
die() { printf '✗ setup-docker: %s\n' "$*" >&2; exit 1; }
missing=()

case "$(uname -m)" in
  x86_64) NATIVE=amd64 FOREIGN=arm64 FOREIGN_QEMU=aarch64 ;;
  aarch64 | arm64) NATIVE=arm64 FOREIGN=amd64 FOREIGN_QEMU=x86_64 ;;
  *) die "unsupported host architecture $(uname -m)" ;;
esac

# ---------------------------------------------------------------------------------------------
# Packages. A machine that already has a working engine (docker-ce on a GitHub runner) keeps it:
# docker.io would conflict with it.
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

want=()
if ! command -v dockerd >/dev/null 2>&1 && ! engine_answers; then want+=(docker.io); fi
pkg_installed qemu-user-static || want+=(qemu-user-static)
pkg_installed binfmt-support || want+=(binfmt-support)
command -v docker-registry >/dev/null 2>&1 || want+=(docker-registry)
command -v debootstrap >/dev/null 2>&1 || want+=(debootstrap)

if [ ${#want[@]} -gt 0 ]; then
  if $CHECK_ONLY; then missing+=("packages: ${want[*]}"); else
    say "installing ${want[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # The registry package's own service binds every interface: it must not start. Where no
    # policy forbids service starts already, forbid them for the length of the install.
    policy_added=false
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
      "${SUDO[@]}" chmod +x /usr/sbin/policy-rc.d
      policy_added=true
    fi
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
    $policy_added && "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d
  fi
fi
# Whatever started it (systemd on a runner), the packaged registry service is not ours: stop it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
  $CHECK_ONLY || { say "stopping the packaged docker-registry service (it binds every interface)"; "${SUDO[@]}" systemctl disable --now docker-registry >/dev/null 2>&1 || true; }
fi

# ---------------------------------------------------------------------------------------------
# The engine.
if ! engine_answers; then
  if $CHECK_ONLY; then missing+=("engine: docker info does not answer"); else
    command -v dockerd >/dev/null 2>&1 || die "no dockerd after installing docker.io"
    mkdir -p "$STATE_DIR" 2>/dev/null || "${SUDO[@]}" mkdir -p "$STATE_DIR"
    say "starting dockerd (log: $STATE_DIR/dockerd.log)"
    "${SUDO[@]}" sh -c "setsid nohup dockerd >'$STATE_DIR/dockerd.log' 2>&1 </dev/null & echo \$! >'$STATE_DIR/dockerd.pid'"
    for _ in $(seq 1 60); do engine_answers && break; sleep 1; done
    engine_answers || { tail -n 30 "$STATE_DIR/dockerd.log" >&2 || true; die "dockerd did not answer within 60 s"; }
  fi
fi

# ---------------------------------------------------------------------------------------------
# Emulation of the foreign architecture.
BINFMT=/proc/sys/fs/binfmt_misc
binfmt_enabled() { [ -r "$BINFMT/qemu-$FOREIGN_QEMU" ] && head -n1 "$BINFMT/qemu-$FOREIGN_QEMU" | grep -q '^enabled$'; }
if ! binfmt_enabled; then
  if $CHECK_ONLY; then missing+=("binfmt: qemu-$FOREIGN_QEMU not registered"); else
    say "registering qemu-$FOREIGN_QEMU with binfmt_misc"
    [ -e "$BINFMT/register" ] || "${SUDO[@]}" mount -t binfmt_misc binfmt_misc "$BINFMT"
    "${SUDO[@]}" update-binfmts --enable "qemu-$FOREIGN_QEMU" >/dev/null 2>&1 || true
    binfmt_enabled || "${SUDO[@]}" update-binfmts --import "qemu-$FOREIGN_QEMU" >/dev/null 2>&1 || true
    binfmt_enabled || die "qemu-$FOREIGN_QEMU is not enabled in $BINFMT (is qemu-user-static installed?)"
  fi
fi

# ---------------------------------------------------------------------------------------------
# The registry: loopback only, no auth, deletes enabled (so tests can remove tags and manifests).
registry_answers() {
  curl -fsS -o /dev/null -D - --max-time 3 "http://$REGISTRY_ADDR/v2/" 2>/dev/null | grep -qi '^docker-distribution-api-version'
}
if ! registry_answers; then
  if $CHECK_ONLY; then missing+=("registry: nothing answers on $REGISTRY_ADDR"); else
    port=${REGISTRY_ADDR##*:}
    if (exec 3<>"/dev/tcp/${REGISTRY_ADDR%:*}/$port") 2>/dev/null; then
      die "something that is not a registry listens on $REGISTRY_ADDR"
    fi
    "${SUDO[@]}" mkdir -p "$STATE_DIR/registry-$port"
    "${SUDO[@]}" tee "$STATE_DIR/registry-$port.yml" >/dev/null <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry-$port
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
EOF
    say "starting docker-registry on $REGISTRY_ADDR (log: $STATE_DIR/registry-$port.log)"
    "${SUDO[@]}" sh -c "setsid nohup docker-registry serve '$STATE_DIR/registry-$port.yml' >'$STATE_DIR/registry-$port.log' 2>&1 </dev/null & echo \$! >'$STATE_DIR/registry-$port.pid'"
    for _ in $(seq 1 30); do registry_answers && break; sleep 0.5; done
    registry_answers || { tail -n 20 "$STATE_DIR/registry-$port.log" >&2 || true; die "the registry did not answer on $REGISTRY_ADDR"; }
  fi
fi

# ---------------------------------------------------------------------------------------------
# Base images, one per architecture, from Debian's busybox-static. A base image is kept when it
# exists with the right architecture.
image_arch() { docker image inspect --format '{{.Architecture}}' "$1" 2>/dev/null || true; }

build_base() {
  local arch=$1 work=$2
  local ref="$BASE_REPO:$arch"
  local deb
  deb=$(ls "$work"/busybox-static_*_"$arch".deb)
  local root="$work/rootfs-$arch"
  mkdir -p "$root"
  dpkg-deb -x "$deb" "$root"
  # Applet links, listed by the host's own busybox (the applet set is the same for both builds).
  mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/tmp" "$root/root" "$root/etc" "$root/proc" "$root/sys" "$root/dev"
  [ -e "$root/bin/busybox" ] || die "busybox-static:$arch has no /bin/busybox"
  for applet in $("$work/rootfs-$NATIVE/bin/busybox" --list); do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\n' >"$root/etc/group"
  rm -rf "$root/usr/share"
  local ctx="$work/context-$arch"
  mkdir -p "$ctx"
  tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$ctx/rootfs.tar" .
  local version
  version=$(dpkg-deb -f "$deb" Version)
  cat >"$ctx/Dockerfile" <<EOF
FROM scratch
ADD rootfs.tar /
LABEL org.exegol-actions.base="busybox-static $version"
CMD ["sh"]
EOF
  say "building $ref (busybox-static $version)"
  # Detect how this machine builds for another platform: buildx when present, else a client that
  # still speaks BuildKit to the engine itself (Docker < 23), else the legacy builder.
  if docker buildx version >/dev/null 2>&1; then
    docker buildx build --load --platform "linux/$arch" -t "$ref" "$ctx" >/dev/null
  else
    local client=""
    for c in $(type -ap docker) /usr/bin/docker /usr/local/bin/docker; do
      [ -x "$c" ] || continue
      major=$("$c" version --format '{{.Client.Version}}' 2>/dev/null | cut -d. -f1 || true)
      if [ -n "$major" ] && [ "$major" -lt 23 ]; then client=$c; break; fi
    done
    if [ -n "$client" ]; then
      DOCKER_BUILDKIT=1 "$client" build -q --platform "linux/$arch" -t "$ref" "$ctx" >/dev/null
    else
      DOCKER_BUILDKIT=0 docker build -q --platform "linux/$arch" -t "$ref" "$ctx" >/dev/null
    fi
  fi
  [ "$(image_arch "$ref")" = "$arch" ] || die "$ref was built but records architecture '$(image_arch "$ref")'"
}

# Downloads busybox-static of one architecture with an apt of its own: one source, one
# architecture, lists in a temporary folder, so the system's sources and dpkg's architectures stay
# as they are (and an Ubuntu runner finds arm64 on ports.ubuntu.com, not on its amd64 mirror).
download_busybox() {
  local arch=$1 work=$2
  if [ "$arch" = "$NATIVE" ]; then
    (cd "$work" && apt-get download -qq "busybox-static:$arch" >/dev/null 2>&1) ||
      { "${SUDO[@]}" apt-get update -qq && (cd "$work" && apt-get download -qq "busybox-static:$arch" >/dev/null); }
    return
  fi
  # shellcheck disable=SC1091
  . /etc/os-release
  local uri keyring components
  case "${ID:-}" in
    debian) uri=http://deb.debian.org/debian keyring=/usr/share/keyrings/debian-archive-keyring.gpg components=main ;;
    ubuntu)
      keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg components="main universe"
      case "$arch" in amd64 | i386) uri=http://archive.ubuntu.com/ubuntu ;; *) uri=http://ports.ubuntu.com/ubuntu-ports ;; esac
      ;;
    *) die "do not know where ${ID:-this system} keeps $arch packages" ;;
  esac
  local apt="$work/apt-$arch"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
  echo "deb [arch=$arch signed-by=$keyring] $uri ${VERSION_CODENAME:?} $components" >"$apt/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$apt/lists"
    -o "Dir::Cache=$apt/cache" -o "APT::Architectures::=$arch" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  apt-get "${opts[@]}" update -qq >/dev/null || die "could not read the $arch package list from $uri"
  (cd "$work" && apt-get "${opts[@]}" download -qq "busybox-static:$arch" >/dev/null) || die "could not download busybox-static:$arch from $uri"
}

need=()
for arch in amd64 arm64; do
  [ "$(image_arch "$BASE_REPO:$arch")" = "$arch" ] || need+=("$arch")
done
if [ ${#need[@]} -gt 0 ]; then
  if $CHECK_ONLY; then missing+=("base images: ${need[*]}"); else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    for arch in amd64 arm64; do download_busybox "$arch" "$work"; done
    # The native root filesystem is extracted first: its busybox lists the applets for both.
    mkdir -p "$work/rootfs-$NATIVE"
    dpkg-deb -x "$(ls "$work"/busybox-static_*_"$NATIVE".deb)" "$work/rootfs-$NATIVE"
    for arch in "${need[@]}"; do build_base "$arch" "$work"; done
  fi
fi

# ---------------------------------------------------------------------------------------------
# A Debian image with zsh: Exegol's images run their tool tests under zsh with ~/.zshrc, and
# busybox has no zsh. Built once per machine (about 30 s) and kept, like the busybox images.
ZSH_IMAGE=${EXEGOL_ZSH_IMAGE:-exegol-actions/debian-zsh:bookworm}
if [ "$(image_arch "$ZSH_IMAGE")" != "$NATIVE" ]; then
  if $CHECK_ONLY; then missing+=("zsh image: $ZSH_IMAGE"); else
    zroot=$(mktemp -d)
    say "building $ZSH_IMAGE (debootstrap --variant=minbase --include=zsh bookworm)"
    "${SUDO[@]}" debootstrap --variant=minbase --include=zsh bookworm "$zroot/root" http://deb.debian.org/debian >"$zroot.log" 2>&1 ||
      { tail -n 20 "$zroot.log" >&2; die "debootstrap of bookworm failed"; }
    # Caches and docs are not needed to run zsh: a smaller image imports faster.
    "${SUDO[@]}" rm -rf "$zroot/root/var/cache/apt/archives"/*.deb "$zroot/root/var/lib/apt/lists"/* "$zroot/root/usr/share/doc" "$zroot/root/usr/share/man" "$zroot/root/usr/share/locale"
    "${SUDO[@]}" tar --numeric-owner -C "$zroot/root" -c . |
      docker import --change 'CMD ["zsh"]' --change 'LABEL org.exegol-actions.base="debian bookworm minbase + zsh"' - "$ZSH_IMAGE" >/dev/null
    "${SUDO[@]}" rm -rf "$zroot" "$zroot.log"
    [ "$(image_arch "$ZSH_IMAGE")" = "$NATIVE" ] || die "$ZSH_IMAGE was imported but records architecture '$(image_arch "$ZSH_IMAGE")'"
  fi
fi

# ---------------------------------------------------------------------------------------------
# docker buildx, as GitHub's runners have it. Bookworm has no docker-buildx package; trixie's is a
# static binary (depends on libc6 only) that drives bookworm's engine through the `docker` driver.
# Fetched with an apt of its own (private source list and lists directory): the system's sources
# stay as they are. A machine where `docker buildx version` already works keeps what it has.
BUILDX_DIR=/usr/libexec/docker/cli-plugins
if ! docker buildx version >/dev/null 2>&1 && [ ! -x "$BUILDX_DIR/docker-buildx" ]; then
  if $CHECK_ONLY; then missing+=("docker buildx plugin"); else
    [ -r /usr/share/keyrings/debian-archive-keyring.gpg ] || die "no buildx here and no Debian archive keyring to fetch trixie's docker-buildx with: install docker-buildx (or docker/setup-buildx-action) another way"
    bx=$(mktemp -d)
    mkdir -p "$bx/lists/partial" "$bx/cache/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" >"$bx/sources.list"
    bxopts=(-o "Dir::Etc::SourceList=$bx/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$bx/lists"
      -o "Dir::Cache=$bx/cache" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
    say "installing the docker buildx plugin from Debian trixie's docker-buildx"
    apt-get "${bxopts[@]}" update -qq >/dev/null || die "could not read trixie's package list"
    (cd "$bx" && apt-get "${bxopts[@]}" download -qq docker-buildx >/dev/null) || die "could not download docker-buildx from trixie"
    dpkg-deb -x "$(ls "$bx"/docker-buildx_*.deb)" "$bx/root"
    "${SUDO[@]}" mkdir -p "$BUILDX_DIR"
    "${SUDO[@]}" install -m 0755 "$bx/root/usr/libexec/docker/cli-plugins/docker-buildx" "$BUILDX_DIR/docker-buildx"
    rm -rf "$bx"
  fi
fi
[ -x "$BUILDX_DIR/docker-buildx" ] && ! $CHECK_ONLY && { docker buildx version >/dev/null 2>&1 || die "$BUILDX_DIR/docker-buildx is installed but \`docker buildx version\` fails"; }

if $CHECK_ONLY; then
  if [ ${#missing[@]} -gt 0 ]; then printf 'missing: %s\n' "${missing[@]}"; exit 1; fi
  echo "docker test environment complete"
  exit 0
fi

# A last proof that emulation works inside containers, not only on the host.
got=$(docker run --rm --platform "linux/$FOREIGN" "$BASE_REPO:$FOREIGN" uname -m 2>&1 || true)
[ "$got" = "$FOREIGN_QEMU" ] || die "running $BASE_REPO:$FOREIGN printed '$got', expected $FOREIGN_QEMU"
say "docker test environment ready: engine $(docker version --format '{{.Server.Version}}'), registry $REGISTRY_ADDR, $BASE_REPO:{amd64,arm64}, $ZSH_IMAGE, buildx $(docker buildx version 2>/dev/null | cut -d' ' -f2), emulation of $FOREIGN"
