// Bounds on rendering an untrusted chat template. A template comes from a downloaded model file,
// so rendering must end, in bounded time and memory, whatever it contains.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hearth {

struct TemplateLimits {
    std::size_t max_template_bytes = 1u << 20;   // source size accepted at all
    std::size_t max_output_bytes = 1u << 20;     // rendered prompt
    std::size_t max_alloc_bytes = 64u << 20;     // bytes of strings and list slots created, in total
    int max_depth = 64;                          // nesting: parser, expression evaluation, macro calls, values
    std::uint64_t max_steps = 10'000'000;        // nodes evaluated and loop iterations, plus work
                                                 // in proportion to the size of values touched
};

}  // namespace hearth
