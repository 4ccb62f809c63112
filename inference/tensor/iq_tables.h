// Values of the GGUF IQ formats as llama.cpp defines them in ggml/src/ggml-common.h at commit
// 3f545beccee69d9975f466ec7e45fd9aacd8ba90 (MIT licence), taken from the shared test data's
// formats/iq-tables.json by scripts/gen_iq_tables.py. Generated: do not edit.
#pragma once

#include <cstdint>

namespace hearth::iq {

inline constexpr float kIq1sDelta = 0.125f;
inline constexpr float kIq1mDelta = 0.125f;

extern const int8_t kvalues_iq4nl[16];
extern const uint8_t ksigns_iq2xs[128];
extern const uint8_t kmask_iq2xs[8];
extern const uint64_t iq2xxs_grid[256];
extern const uint64_t iq2xs_grid[512];
extern const uint64_t iq2s_grid[1024];
extern const uint32_t iq3xxs_grid[256];
extern const uint32_t iq3s_grid[512];
extern const uint64_t iq1s_grid[2048];

}  // namespace hearth::iq
