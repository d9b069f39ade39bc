#!/usr/bin/env bash
# Installs the programs the integration tests run (listed in .mvn/test-peers) when they are not
# on the PATH. Run by `mvn verify` (exec-maven-plugin, root pom, phase pre-integration-test), so
# the README's test command works on a machine that has only the JDKs, Maven and Node. It asks
# for root (sudo -n) only when something is missing; when it cannot install, it fails with one
# sentence saying what to install by hand.
set -euo pipefail
peers_file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/test-peers"

# "a", "a and b", "a, b and c"
join_and() {
  local out="" i
  for ((i = 1; i <= $#; i++)); do
    if ((i == 1)); then out=${!i}; elif ((i == $#)); then out+=" and ${!i}"; else out+=", ${!i}"; fi
  done
  printf '%s' "$out"
}

missing_programs=() missing_packages=() purposes=()
declare -A packages_for=()
while read -r program package purpose; do
  [[ -z "$program" || "$program" == \#* ]] && continue
  command -v "$program" >/dev/null && continue
  missing_programs+=("$program")
  missing_packages+=("$package")
  [[ -v "packages_for[$purpose]" ]] || purposes+=("$purpose")
  packages_for[$purpose]+="${packages_for[$purpose]:+ }$package"
done <"$peers_file"
((${#missing_packages[@]} > 0)) || exit 0

needs=()
for purpose in "${purposes[@]}"; do
  read -ra group <<<"${packages_for[$purpose]}"
  needs+=("$purpose need $(join_and "${group[@]}")")
done
if ((${#missing_packages[@]} == 1)); then them=it are=is; else them=them are=are; fi
# e.g. "the browser tests (DashboardBrowserIT, DemoDashboardIT) need chromium and chromium-driver, which are missing"
what="$(join_and "${needs[@]}"), which $are missing"

give_up() { # give_up WHY_THIS_BUILD_CANNOT
  echo "$what, and $1: install $them with \`sudo apt-get install ${missing_packages[*]}\`" >&2
  exit 1
}

command -v apt-get >/dev/null || give_up "this machine has no apt-get to install $them"
if [ "$(id -u)" -eq 0 ]; then
  as_root=() how="as root"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n) how="through sudo -n"
else
  give_up "this build cannot install $them (not root, and no sudo that works without a password)"
fi

echo "$what: installing $them $how with apt-get"
log=$(mktemp -t stallwatch-provision.XXXXXX)
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o DPkg::Lock::Timeout=300)
if ! { "${apt[@]}" update && "${apt[@]}" install --no-install-recommends "${missing_packages[@]}"; } \
  >"$log" 2>&1; then
  tail -n 15 "$log" >&2
  give_up "apt-get failed (its output is above and in $log)"
fi
rm -f "$log"
for program in "${missing_programs[@]}"; do
  command -v "$program" >/dev/null ||
    give_up "apt-get installed $them but $program is still not on the PATH"
done
