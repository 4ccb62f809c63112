#!/usr/bin/env bash
# Hearth's one entry point for developers on Debian 12 / Ubuntu 24.04:
#
#   ./dev.sh run    install what is missing, build, and launch the desktop app
#   ./dev.sh test   install what is missing, build, and run every test:
#                   the normal build, then the AddressSanitizer+UBSan build, then a short libFuzzer run
#
# Packages come from the distribution only; nothing is downloaded at build or test time.
set -euo pipefail
cd "$(dirname "$0")"

BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-window
  qml6-module-qtquick-templates qml6-module-qtqml-workerscript qml6-module-qtquick-dialogs
  libvulkan-dev glslc mesa-vulkan-drivers
  libsqlite3-dev libcurl4-openssl-dev libssl-dev libicu-dev libpcre2-dev
  libgtest-dev lld
)
TEST_PACKAGES=(
  xvfb xauth vulkan-tools spirv-tools curl python3 python3-jinja2 clang libclang-rt-14-dev qml6-module-qttest fonts-wqy-microhei
)

log() { printf '\n==> %s\n' "$*"; }

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Qt and Mesa want a private runtime folder; a headless shell or CI often has none.
ensure_runtime_dir() {
  if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -w "${XDG_RUNTIME_DIR}" ]; then
    export XDG_RUNTIME_DIR="${TMPDIR:-/tmp}/hearth-runtime-$(id -u)"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  fi
}

build() {  # build <preset>
  log "configure and build ($1)"
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1"
}

# Runs ctest for a preset, keeps its counts for the final line.
TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
run_ctest() {  # run_ctest <preset> [extra ctest args]
  local preset=$1; shift
  log "test ($preset)"
  local out="build/$preset/ctest-summary.txt" rc=0
  ctest --preset "$preset" "$@" 2>&1 | tee "$out" || rc=$?
  [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  add_counts "$out"
  return $rc
}

# add_counts <ctest output>: adds its passed, failed and skipped tests to the totals.
# ctest's "N% tests passed" counts skipped tests (GTEST_SKIP, QSKIP: "***Skipped") as passed;
# they are listed under "The following tests did not run:" with "(Skipped)", so they are taken
# out of the passed count here. Output without a summary line (ctest itself failed) counts as
# one failure.
add_counts() {
  local out=$1 line total failed skipped
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$out" | tail -n 1 || true)
  if [ -z "$line" ]; then
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
    return
  fi
  failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
  skipped=$(grep -cE '^[[:space:]]*[0-9]+ - .* \(Skipped\)$' "$out" || true)
  TOTAL_PASSED=$((TOTAL_PASSED + total - failed - skipped))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
}

print_total() {
  echo "total: ${TOTAL_PASSED} passed, ${TOTAL_FAILED} failed, ${TOTAL_SKIPPED} skipped"
}

cmd_run() {
  install_missing "${BUILD_PACKAGES[@]}"
  ensure_runtime_dir
  build release
  log "launching Hearth"
  exec build/release/app/hearth "$@"
}

cmd_test() {
  install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  ensure_runtime_dir
  local status=0
  build dev
  run_ctest dev || status=1
  build asan
  run_ctest asan || status=1
  build tsan
  run_ctest tsan || status=1
  build fuzz
  run_ctest fuzz || status=1
  echo
  print_total
  return $status
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  # count-ctest-output FILE...: the total line for saved ctest output (used by its own test).
  count-ctest-output) shift; cd "$OLDPWD"; for f in "$@"; do add_counts "$f"; done; print_total ;;
  *) echo "usage: $0 run | test | count-ctest-output FILE..." >&2; exit 2 ;;
esac
