#!/usr/bin/env bash
# Measures the rows of a docs/ACCURACY.md table: for each level, the model quantized plainly
# (--rounding plain), with the default weighting and with an importance matrix, each evaluated
# against the original model's saved distributions on the CPU reference backend.
#
#   scripts/accuracy-rows.sh MODEL.gguf EVAL_TEXT CTX CALIB_TEXT LEVEL...
#
# Prints one Markdown row per level and mode (| level | mode | bytes | bpw | PPL ± se | mean KLD ±
# se | 99% KLD | same top-1 | mean Δp |). HEARTH_CLI (default build/dev/app/hearth-cli) and
# ACC_MODES (default "plain no yes") can be set; work files go to a temporary folder. bpw is the
# file's bits per parameter (metadata included, as ACCURACY.md gives it) when N_PARAMS holds the
# model's parameter count, else the tensor data's bits per weight that quantize prints.
set -euo pipefail
[ $# -ge 5 ] || { sed -n 2,11p "$0" >&2; exit 2; }
model=$1 text=$2 ctx=$3 calib=$4; shift 4
cli=${HEARTH_CLI:-build/dev/app/hearth-cli}
modes=${ACC_MODES:-plain no yes}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$cli" eval --reference "$model" --text "$text" --ctx "$ctx" --backend cpu --save-reference "$work/ref" >/dev/null
"$cli" imatrix -m "$model" -f "$calib" --ctx "$ctx" -o "$work/imatrix" --backend cpu >/dev/null 2>&1
for level in "$@"; do
  for mode in $modes; do
    case $mode in
      plain) extra=(--rounding plain) ;;
      no) extra=() ;;
      yes) extra=(--imatrix "$work/imatrix") ;;
    esac
    out="$work/q.gguf"
    if ! summary=$("$cli" quantize "$model" "$out" --type "$level" "${extra[@]}" 2>/dev/null); then
      echo "| $level | $mode | refused | | | | | | |"
      continue
    fi
    bytes=$(stat -c %s "$out")
    if [ -n "${N_PARAMS:-}" ]; then
      bpw=$(python3 -c "print(f'{$bytes * 8 / $N_PARAMS:.3f}')")
    else
      bpw=$(sed -nE 's/.* ([0-9.]+) bits per weight.*/\1/p' <<<"$summary")
    fi
    "$cli" eval --model "$out" --reference "$work/ref" --backend cpu --json | python3 -c '
import json, sys
level, mode, bytes_, bpw = sys.argv[1:5]
r = json.load(sys.stdin)
print("| %s | %s | %s | %s | %.4f ± %.3f | %.6f ± %.6f | %.6f | %.3f %% | %+.5f |" % (
    level, mode, bytes_, bpw, r["perplexity"], r["perplexity_se"], r["kld_mean"], r["kld_mean_se"],
    r["kld_p99"], 100 * r["top1"], r["delta_p"]))' "$level" "$mode" "$bytes" "$bpw"
  done
done
