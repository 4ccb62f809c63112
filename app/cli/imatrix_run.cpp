#include "app/cli/imatrix_run.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/cli/backends.h"
#include "inference/quant/imatrix_collect.h"
#include "inference/vulkan/device_info.h"

namespace hearth::cli {

Result<std::string> read_text_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return make_error("cli.read", "Cannot read " + path + "; check the file exists.");
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string default_imatrix_backend() {
    auto devices = vk::list_devices();
    return devices && !devices->empty() ? "vulkan" : "cpu";
}

Result<quant::Imatrix> collect_imatrix_from_text(const std::string& model, const std::string& text_file,
                                                 const std::string& backend, int n_ctx) {
    auto text = read_text_file(text_file);
    if (!text) return text.error();
    auto m = engine::open_model(model);
    if (!m) return m.error();
    const int32_t ctx = n_ctx > 0 ? n_ctx : std::min<int32_t>(512, (*m)->model.hp.n_ctx_train);
    auto b = make_backend(backend == "auto" ? default_imatrix_backend() : backend, **m, ctx);
    if (!b) return b.error();
    const auto tokens = tokenize((*m)->tokenizer, *text, TokenizeOptions{true, false});
    auto r = quant::collect_imatrix(**b, tokens, ctx, (*m)->tokenizer.vocab.bos, [](int done, int total) {
        std::fprintf(stderr, "\rimportance matrix: chunk %d/%d", done, total);
        std::fflush(stderr);
    });
    std::fprintf(stderr, "\n");
    if (!r) return r.error();
    r->datasets.push_back(std::filesystem::path(text_file).filename().string());
    return r;
}

}  // namespace hearth::cli
