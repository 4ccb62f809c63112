#!/usr/bin/env bash
# The GPU check of issue #4 ("Benchmarks"). Runs THERE, on the machine with the NVIDIA GPU, as one
# command (scripts/README.md), on what scripts/gpu-build.sh built and staged here:
#   1. unpacks the Vulkan loader (.gl) and the runtime libraries (.gpu/debs, into /tmp only)
#   2. hearth-cli devices
#   3. copy bandwidth (hearth-cli bench --copy)
#   4. synthetic 1B-shaped and 7B-shaped Q4_K models, each benchmarked at -p 512 -n 128, the 7B
#      once more with --profile
#   5. every staged Vulkan test executable, each under a timeout
#   6. a summary table (also $OUT/summary.txt); the whole log is $OUT/check.log
#
# Usage: scripts/gpu-check.sh [--dry-run]
#   --dry-run  tiny shapes, small prompts and short timeouts: a rehearsal on lavapipe here.
# Environment: OUT (default build/gpu-check), HEARTH_CHECK_BUDGET_S (default 420: later steps are
# skipped rather than overrun), HEARTH_TEST_TIMEOUT_S (per test executable; 90, dry run 20).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
dry=0
[ "${1:-}" = "--dry-run" ] && dry=1
OUT=${OUT:-$root/build/gpu-check}
mkdir -p "$OUT"

main() {
  t_start=$(date +%s)
  budget=${HEARTH_CHECK_BUDGET_S:-420}
  elapsed() { echo $(($(date +%s) - t_start)); }
  left() { echo $((budget - $(elapsed))); }
  # cap N: N seconds, or less so the step ends 20 s before the budget does (at least 5).
  cap() {
    local want=$1 l
    l=$(($(left) - 20))
    [ "$l" -lt "$want" ] && want=$l
    [ "$want" -lt 5 ] && want=5
    echo "$want"
  }
  step() { printf '\n== [%3ss] %s\n' "$(elapsed)" "$*"; }

  work=/tmp/hearth-gpu-check
  rm -rf "$work"
  mkdir -p "$work/app" "$work/models"
  cli="$work/bin/hearth-cli"

  if [ "$dry" = 1 ]; then
    small=(--shape tiny)
    big=(--shape custom --n-embd 512 --n-layer 4 --n-head 8 --n-head-kv 8 --n-ff 1536 --n-vocab 2048)
    np=64 ng=16 copy_mib=16 test_timeout=${HEARTH_TEST_TIMEOUT_S:-20}
    small_name="tiny" big_name="small"
  else
    small=(--shape 1b)
    big=(--shape 7b)
    np=512 ng=128 copy_mib=1024 test_timeout=${HEARTH_TEST_TIMEOUT_S:-90}
    small_name="1b" big_name="7b"
  fi

  step "environment"
  date -u
  uname -a
  nproc
  free -g | head -2
  df -h /tmp | tail -1
  command -v nvidia-smi >/dev/null &&
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem --format=csv

  step "Vulkan loader and runtime libraries"
  if [ "$(id -u)" = 0 ] && [ -d .gl ] && ! ldconfig -p | grep -q 'libvulkan.so.1 '; then
    for f in .gl/*.deb; do dpkg -x "$f" /; done
    ldconfig
    echo "unpacked $(ls .gl/*.deb | wc -l) loader packages into /"
  fi
  nv_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  if [ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$nv_icd" ]; then
    export VK_DRIVER_FILES=$nv_icd
    export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
    echo "VK_DRIVER_FILES=$VK_DRIVER_FILES"
  fi
  # xz may be missing from the image; Python's lzma never is.
  tar -C "$work" -xJf .gpu/bundle.tar.xz 2>/dev/null ||
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' .gpu/bundle.tar.xz "$work" ||
    echo "ERROR: could not unpack .gpu/bundle.tar.xz (run scripts/gpu-build.sh here first)"
  # Debian 12's libraries (ICU 72, PCRE2, curl, ...) go to /tmp, never to /: the image is another
  # distribution and they must not replace its own.
  if compgen -G ".gpu/debs/*.deb" >/dev/null; then
    for f in .gpu/debs/*.deb; do dpkg -x "$f" "$work/libs"; done
    export LD_LIBRARY_PATH="$work/libs/usr/lib/x86_64-linux-gnu:$work/libs/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "unpacked $(ls .gpu/debs/*.deb | wc -l) library packages into $work/libs"
  fi
  cat "$work/bin/BUILD_INFO" 2>/dev/null
  missing=$(for b in "$cli" "$work"/bin/tests/*; do ldd "$b" 2>/dev/null; done | grep 'not found' | sort -u)
  [ -n "$missing" ] && echo "MISSING LIBRARIES:" && echo "$missing"

  # The tests find hearth-cli at $HEARTH_BINARY_DIR/app/hearth-cli and write scratch files there.
  ln -sf "$cli" "$work/app/hearth-cli"
  export HEARTH_BINARY_DIR=$work HEARTH_SOURCE_DIR=$root
  [ -d "$work/testdata/models" ] && export HEARTH_TESTDATA=$work/testdata

  step "hearth-cli devices"
  timeout -k 10 30 "$cli" devices
  devices_rc=$?
  device_name=$(timeout -k 10 30 "$cli" devices --json 2>/dev/null | sed -n 's/.*"name": "\([^"]*\)".*/\1/p' | head -n1)

  step "copy bandwidth"
  timeout -k 10 "$(cap 60)" "$cli" bench --copy --copy-max-mib "$copy_mib" | tee "$work/copy.txt"
  copy_rw=$(sed -n 's/^copy bandwidth: \([0-9.]*\) GB\/s read+write.*/\1/p' "$work/copy.txt")
  copy_only=$(sed -n 's/^copy bandwidth: .*(\([0-9.]*\) GB\/s copied).*/\1/p' "$work/copy.txt")

  # synth_and_bench NAME SHAPE-ARGS...: writes the model, benchmarks it; results in $work/NAME.*
  synth_and_bench() {
    local name=$1
    shift
    local model="$work/models/$name-q4_k.gguf"
    step "synth $name ($*)"
    if [ "$(left)" -lt 60 ]; then
      echo "skipped: $(left) s of the budget left"
      return
    fi
    timeout -k 10 "$(cap 180)" "$cli" synth -o "$model" "$@" --type q4_k --fill random | tee "$work/$name.synth"
    [ -f "$model" ] || return
    step "bench $name -p $np -n $ng"
    timeout -k 10 "$(cap 240)" "$cli" bench -m "$model" -p "$np" -n "$ng" | tee "$work/$name.bench"
    echo "exit status $?"
  }
  synth_and_bench "$small_name" "${small[@]}"
  synth_and_bench "$big_name" "${big[@]}"
  if [ -f "$work/models/$big_name-q4_k.gguf" ] && [ "$(left)" -gt 60 ]; then
    step "bench $big_name --profile (-p $np -n 8)"
    timeout -k 10 "$(cap 120)" "$cli" bench -m "$work/models/$big_name-q4_k.gguf" -p "$np" -n 8 --profile
  fi
  # The engine's prefill graphs take 64 tokens by default; the issue's target is "at batch 512".
  if [ -f "$work/models/$big_name-q4_k.gguf" ] && [ "$(left)" -gt 60 ]; then
    step "bench $big_name --batch $np (-p $np -n 8)"
    timeout -k 10 "$(cap 120)" "$cli" bench -m "$work/models/$big_name-q4_k.gguf" -p "$np" -n 8 --batch "$np" |
      tee "$work/$big_name-b$np.bench"
  fi
  rm -f "$work"/models/*.gguf  # gigabytes; nothing later needs them

  declare -A test_result
  # The ones that compare against references first, in case the budget runs out.
  order=()
  for t in golden model kernels matmul runtime cli copy generate; do
    [ -x "$work/bin/tests/vulkan_${t}_test" ] && order+=("$work/bin/tests/vulkan_${t}_test")
  done
  for exe in "$work"/bin/tests/*; do
    [[ " ${order[*]} " == *" $exe "* ]] || order+=("$exe")
  done
  for exe in "${order[@]}"; do
    [ -x "$exe" ] || continue
    t=$(basename "$exe")
    step "$t (timeout ${test_timeout}s)"
    remaining=$(left)
    if [ "$remaining" -lt 15 ]; then
      echo "skipped: $remaining s of the budget left"
      test_result[$t]="not run (budget)"
      continue
    fi
    limit=$test_timeout
    [ "$remaining" -lt "$limit" ] && limit=$remaining
    timeout -k 10 "$limit" "$exe" >"$work/$t.log" 2>&1
    rc=$?
    # All of it goes to tests.log; here the end, longer when something went wrong (a timeout
    # shows the test that hung).
    if [ "$rc" = 0 ]; then tail -n 3 "$work/$t.log"; else grep -E '^\[  FAILED  \]' "$work/$t.log" | head -n 20; tail -n 30 "$work/$t.log"; fi
    passed=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$work/$t.log" | tail -n1)
    failed=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$work/$t.log" | tail -n1)
    skipped=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$work/$t.log" | tail -n1)
    if [ "$rc" = 124 ]; then
      test_result[$t]="TIMEOUT after ${limit}s"
    elif [ "$rc" = 0 ]; then
      test_result[$t]="pass (${passed:-0} passed${skipped:+, $skipped skipped})"
    else
      test_result[$t]="FAIL (exit $rc; ${passed:-0} passed, ${failed:-?} failed)"
    fi
  done
  cat "$work"/*_test.log >"$OUT/tests.log" 2>/dev/null

  # row NAME [TARGETS]: one line of the model table from NAME's outputs; TARGETS ("prefill",
  # "decode" or both) adds those verdicts of issue #4.
  row() {
    local name=$1 f="$work/$1.bench" s="$work/$1.synth" targets=${2:-}
    local size prefill decode gbps pct
    size=$(sed -n 's/^size: \([0-9.]*\) MiB.*/\1/p' "$s" 2>/dev/null)
    prefill=$(sed -n 's/^prefill: .*= \([0-9.]*\) tok\/s.*/\1/p' "$f" 2>/dev/null)
    decode=$(sed -n 's/^decode: .*= \([0-9.]*\) tok\/s.*/\1/p' "$f" 2>/dev/null)
    gbps=$(sed -n 's/^bandwidth: \([0-9.]*\) GB\/s.*/\1/p' "$f" 2>/dev/null)
    pct=$(awk -v g="${gbps:-0}" -v c="${copy_rw:-0}" 'BEGIN {if (c > 0 && g > 0) printf "%.1f", 100 * g / c; else print "-"}')
    local verdict_p verdict_d
    verdict_p=$(awk -v p="${prefill:-0}" 'BEGIN {print (p >= 2000) ? "pass" : "FAIL"}')
    verdict_d=$(awk -v x="$pct" 'BEGIN {print (x != "-" && x >= 70) ? "pass" : "FAIL"}')
    local verdicts=""
    [[ "$targets" == *prefill* ]] && verdicts="prefill >= 2000 tok/s: $verdict_p  "
    [[ "$targets" == *decode* ]] && verdicts+="decode >= 70% of copy: $verdict_d"
    printf '%-10s %10s %13s %12s %12s %10s   %s\n' "$name" "${size:--}" "${prefill:--}" "${decode:--}" \
      "${gbps:--}" "$pct" "$verdicts"
  }

  step "summary"
  {
    echo "device:          ${device_name:-none found} (hearth-cli devices exit $devices_rc)"
    echo "mode:            $([ "$dry" = 1 ] && echo "DRY RUN (tiny shapes, -p $np -n $ng)" || echo "-p $np -n $ng, Q4_K, random blocks")" \
      "(the -b$np row: prefill in one batch of $np, decode of 8 tokens only)"
    echo "copy bandwidth:  ${copy_rw:--} GB/s read+write (${copy_only:--} GB/s copied); % below = decode GB/s / read+write"
    echo
    printf '%-10s %10s %13s %12s %12s %10s   targets (issue #4)\n' model "file MiB" "prefill tok/s" "decode tok/s" "decode GB/s" "% of copy"
    row "$small_name"
    row "$big_name" prefill,decode
    row "$big_name-b$np" prefill
    echo
    for t in "${!test_result[@]}"; do printf '%-28s %s\n' "$t" "${test_result[$t]}"; done | sort
    echo
    echo "total time: $(elapsed) s"
  } | tee "$OUT/summary.txt"
}

main 2>&1 | tee "$OUT/check.log"
