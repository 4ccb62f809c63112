#!/usr/bin/env python3
"""Writes the IQ format tables (grids, sign tables, IQ4_NL levels) as C++ and GLSL sources from
the shared test data's formats/iq-tables.json. Run once; the outputs are committed, because the
tables are part of the GGUF format and the build must not depend on the test data.

    scripts/gen_iq_tables.py ../shared/testdata/formats/iq-tables.json
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORIGIN = ("Values of the GGUF IQ formats as llama.cpp defines them in ggml/src/ggml-common.h at commit\n"
          "// 3f545beccee69d9975f466ec7e45fd9aacd8ba90 (MIT licence), taken from the shared test data's\n"
          "// formats/iq-tables.json by scripts/gen_iq_tables.py. Generated: do not edit.")

CPP_ORDER = ["kvalues_iq4nl", "ksigns_iq2xs", "kmask_iq2xs", "iq2xxs_grid", "iq2xs_grid", "iq2s_grid",
             "iq3xxs_grid", "iq3s_grid", "iq1s_grid"]


def ints(table):
    return [int(v, 16) if isinstance(v, str) else int(v) for v in table["values"]]


def rows(values, per_line, fmt):
    out = []
    for i in range(0, len(values), per_line):
        out.append("    " + ", ".join(fmt(v) for v in values[i:i + per_line]) + ",")
    return "\n".join(out)


def cpp_fmt(c_type):
    if c_type == "uint64_t":
        return lambda v: "0x%016xull" % v
    if c_type == "uint32_t":
        return lambda v: "0x%08xu" % v
    return lambda v: str(v)


def main():
    data = json.loads(Path(sys.argv[1]).read_text())
    tables = data["tables"]
    consts = data["constants"]

    h = ["// " + ORIGIN, "#pragma once", "", "#include <cstdint>", "", "namespace hearth::iq {", ""]
    h.append("inline constexpr float kIq1sDelta = %rf;" % consts["IQ1S_DELTA"])
    h.append("inline constexpr float kIq1mDelta = %rf;" % consts["IQ1M_DELTA"])
    h.append("")
    cpp = ["// " + ORIGIN, '#include "inference/tensor/iq_tables.h"', "", "namespace hearth::iq {", ""]
    for name in CPP_ORDER:
        t = tables[name]
        h.append("extern const %s %s[%d];" % (t["c_type"], name, t["count"]))
        per = 4 if t["c_type"] == "uint64_t" else 8 if t["c_type"] == "uint32_t" else 16
        cpp.append("const %s %s[%d] = {\n%s\n};\n" % (t["c_type"], name, t["count"],
                                                      rows(ints(t), per, cpp_fmt(t["c_type"]))))
    h += ["", "}  // namespace hearth::iq", ""]
    cpp += ["}  // namespace hearth::iq", ""]
    (ROOT / "inference/tensor/iq_tables.h").write_text("\n".join(h))
    (ROOT / "inference/tensor/iq_tables.cpp").write_text("\n".join(cpp))

    # GLSL: only the 16 IQ4 levels are compiled into the shaders. The grids and the sign table
    # reach the IQ kernels as a storage buffer (inference/vulkan/iq_tables_gpu.cpp): large constant
    # arrays indexed at run time compile to enormous code on some drivers (minutes on lavapipe).
    g = ["// " + ORIGIN, ""]
    g.append("const int kvalues_iq4nl[16] = int[](%s);" % ", ".join(str(v) for v in ints(tables["kvalues_iq4nl"])))
    g.append("")
    (ROOT / "inference/shaders/matmul/iq_tables.glsl").write_text("\n".join(g))


if __name__ == "__main__":
    main()
