#!/usr/bin/env bash
# dev.sh's last line on saved ctest output: skipped tests ("***Skipped", listed "(Skipped)") are
# counted as skipped, not passed; failed and never-run tests as failed; output with no ctest
# summary (ctest itself broke) as one failure; several presets' outputs add up.
set -euo pipefail
dev_sh=$1 fixtures=$2
status=0
expect() {  # expect "<total line>" fixture...
  local want=$1; shift
  local got
  got=$("$dev_sh" count-ctest-output "$@")
  if [ "$got" != "$want" ]; then
    echo "FAIL: $* -> '$got', want '$want'"
    status=1
  else
    echo "ok: $* -> $got"
  fi
}
expect "total: 1 passed, 2 failed, 3 skipped" "$fixtures/ctest_mixed.txt"
expect "total: 8 passed, 0 failed, 2 skipped" "$fixtures/ctest_gtest_skips.txt"
expect "total: 9 passed, 2 failed, 5 skipped" "$fixtures/ctest_mixed.txt" "$fixtures/ctest_gtest_skips.txt"
expect "total: 0 passed, 1 failed, 0 skipped" "$fixtures/ctest_no_summary.txt"
exit $status
