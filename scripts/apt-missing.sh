# Sourced by the set-up scripts: one way to report or install the Debian packages a test group
# lacks. Usage: apt_missing "<group>" "<what for>" "<present message>" package...
#   no packages: prints the present message (unless CHECK_ONLY) and returns 0;
#   CHECK_ONLY=true: names the missing packages and returns 1;
#   otherwise installs them (as root, or with sudo -n).
apt_missing() {
  local group=$1 why=$2 present=$3
  shift 3
  if [ $# -eq 0 ]; then
    ${CHECK_ONLY:-false} || echo "» $group: $present"
    return 0
  fi
  local packages
  mapfile -t packages < <(printf '%s\n' "$@" | sort -u)
  if ${CHECK_ONLY:-false}; then
    echo "✗ $group: missing ${packages[*]}" >&2
    return 1
  fi
  echo "» installing ${packages[*]} ($why)"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}
