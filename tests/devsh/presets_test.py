#!/usr/bin/env python3
"""CMakePresets.json: the test command still runs every test somewhere.

./dev.sh test runs ctest in four presets. Only `dev` may run everything; the others leave tests out
to save time (asan: the whole-text perplexity, and part of the Vulkan kernel sweeps, whose shader
arithmetic ASan cannot see). This check fails when
  - the dev test preset gets a filter (a test left out of asan would then run nowhere),
  - the asan exclusion starts to catch a representative that must stay under ASan (each kept
    case covers a host code path: float, integer-dot, 32- and 256-value blocks, IQ codebooks),
  - the asan exclusion stops catching what it was written for (it was edited without this list),
  - the fuzz build preset builds more than the fuzz targets.
CMake's regular expressions and Python's agree on what these use: ^ $ | ( ) and \\.
"""
import json
import re
import sys

presets = json.load(open(sys.argv[1]))
tests = {p["name"]: p for p in presets["testPresets"]}
builds = {p["name"]: p for p in presets["buildPresets"]}
failures = []

if "filter" in tests["dev"]:
    failures.append("the dev test preset has a filter: it must run every test")

exclude = tests["asan"].get("filter", {}).get("exclude", {}).get("name", "")
excluded = re.compile(exclude) if exclude else None

# Must run under ASan (one per host code path of each sweep, and everything else).
KEEP = [
    "AllTypes/Matvec.MatchesReferenceForEveryShapeAndReduction/F32",
    "AllTypes/Matvec.MatchesReferenceForEveryShapeAndReduction/F16",
    "AllTypes/Matvec.MatchesReferenceForEveryShapeAndReduction/Q4_0",
    "AllTypes/Matvec.MatchesReferenceForEveryShapeAndReduction/Q4_K",
    "AllTypes/Matvec.MatchesReferenceForEveryShapeAndReduction/IQ4_NL",
    "AllTypes/Matvec.MatchesReferenceForEveryShapeAndReduction/IQ2_XXS",
    "AllTypes/Matvec.BatchedVectorsEqualOneAtATime/Q6_K",
    "IntegerDotTypes/MatvecQ8.MatchesReferenceWithQuantizedActivations/Q4_0",
    "IntegerDotTypes/MatvecQ8.MatchesReferenceWithQuantizedActivations/Q4_K",
    "AllTypes/Matmul.MatchesReferenceForEveryShapeAndTile/Q5_1",
    "IntegerDotTypes/MatmulQ8.MatchesReferenceWithQuantizedActivations/Q3_K",
    "AttentionPrefillTest.MatchesReferenceOnF16Cache",
    "AttentionPrefillTest.MatchesReferenceOnF32Cache",
    "ReferenceQuants/IqModel.VulkanMatchesTheCpuReference/IQ4_NL",
    "ReferenceQuants/IqModel.VulkanMatchesTheCpuReference/Q4_K_M",
    "MatmulGpu.IntegerDotNeedsScratchElseFallsBackToFloat",
    "json_fuzz_replay",
]
# Left to the dev preset (run there in full).
DROP = [
    "ReferenceQuants/IqModel.CpuWholeTextPerplexityMatchesTheReference/IQ2_S",
    "AllTypes/Matvec.MatchesReferenceForEveryShapeAndReduction/Q5_1",
    "AllTypes/Matvec.MatchesReferenceForEveryShapeAndReduction/IQ1_M",
    "IntegerDotTypes/MatvecQ8.MatchesReferenceWithQuantizedActivations/Q6_K",
]
# gtest_discover_tests names a parameterized test "Prefix/Suite.Test/Param  # GetParam() = ...":
# the filter must work on both forms.
def forms(name):
    return [name, name + "  # GetParam() = 4-byte object <0C-00 00-00>"] if "/" in name else [name]


for name in KEEP:
    for form in forms(name):
        if excluded and excluded.search(form):
            failures.append(f"the asan test preset leaves out '{form}', which must run under ASan")
for name in DROP:
    for form in forms(name):
        if not (excluded and excluded.search(form)):
            failures.append(f"the asan test preset no longer leaves out '{form}': update this list with it")

if builds["fuzz"].get("targets") != ["hearth_fuzz_targets"]:
    failures.append("the fuzz build preset should build only hearth_fuzz_targets")

for f in failures:
    print("FAIL:", f)
if not failures:
    print(f"ok: dev runs everything; asan keeps {len(KEEP)} representatives and leaves out {len(DROP)} checked names")
sys.exit(1 if failures else 0)
