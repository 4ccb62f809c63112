// `hearth-cli imatrix -m MODEL -f TEXTFILE -o OUT [--ctx N] [--backend cpu|vulkan]`: runs a
// calibration text through the model and saves its importance matrix (the mean squared input of
// every matrix product, per column; format in inference/quant/imatrix.h) for `quantize --imatrix`.
// On Vulkan (the default where a device exists) the sums are taken on the GPU by activation taps
// in the recorded graph (inference/vulkan/activation_taps.h).
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/imatrix_run.h"

namespace hearth::cli {

int cmd_imatrix(Args& args) {
    const auto model = args.value({"-m", "--model"});
    const auto text = args.value({"-f", "--file"});
    const auto out = args.value({"-o", "--output"});
    const auto ctx = args.integer({"--ctx", "-c"}, 4, 1 << 20);
    const std::string backend = args.value_or({"--backend"}, "auto");
    if (!args.error.empty()) return fail(args.error);
    if (int rc = reject_unused(args, "imatrix")) return rc;
    if (!model || !text || !out) {
        std::fprintf(stderr, "usage: hearth-cli imatrix -m MODEL.gguf -f TEXTFILE -o OUT.imatrix [--ctx N] [--backend cpu|vulkan]\n"
                             "  the backend defaults to vulkan where a Vulkan device exists, else cpu\n");
        return 2;
    }
    auto m = collect_imatrix_from_text(*model, *text, backend, ctx ? static_cast<int>(*ctx) : 0);
    if (!m) return fail(m.error().message);
    if (auto s = quant::save_imatrix(*m, *out); !s) return fail(s.error().message);
    std::printf("wrote %s: %zu matrices, %u chunks of %u tokens from %s\n", out->c_str(), m->entries.size(),
                m->chunk_count, m->chunk_size, text->c_str());
    return 0;
}

}  // namespace hearth::cli
