// `hearth-cli synth -o FILE [--shape 7b|1b|tiny] [--type q4_k] ...`: writes a synthetic model
// (random weights, a complete GGUF of the chosen architecture and shape) for benchmarks and
// tests, so speed can be measured on a machine that has no real model of that size.
//
// Shapes: 7b = Llama-2-7B (4096 wide, 32 layers, 32 heads, FFN 11008, vocab 32000, untied output);
// 1b = Llama-3.2-1B-like (2048 wide, 16 layers, 32 heads, 8 KV heads, FFN 8192, vocab 128256,
// tied output, Llama 3 rope scaling); tiny = 256 wide, 4 layers (seconds to write and run on a
// CPU driver). Any size can then be overridden (--n-embd and friends); --shape custom is tiny
// with overrides.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/cli/commands.h"
#include "inference/arch/synthetic.h"

namespace hearth::cli {

namespace {

std::optional<arch::SyntheticSpec> shape_spec(const std::string& shape) {
    arch::SyntheticSpec s;
    if (shape == "7b") {
        s.n_embd = 4096, s.n_layer = 32, s.n_head = 32, s.n_head_kv = 32, s.n_ff = 11008;
        s.n_vocab = 32000, s.n_ctx = 4096;
    } else if (shape == "1b") {
        s.n_embd = 2048, s.n_layer = 16, s.n_head = 32, s.n_head_kv = 8, s.n_ff = 8192;
        s.n_vocab = 128256, s.n_ctx = 8192, s.tied_output = true;
        s.rope_base = 500000.0f, s.llama3_rope_factor = 32.0f;
    } else if (shape == "tiny" || shape == "custom") {
        s.n_embd = 256, s.n_layer = 4, s.n_head = 8, s.n_head_kv = 4, s.n_ff = 768;
        s.n_vocab = 1024, s.n_ctx = 1024;
    } else {
        return std::nullopt;
    }
    return s;
}

}  // namespace

// The largest size option synth takes (--n-embd, --n-vocab, ...).
constexpr int64_t kMaxSize = 1 << 30;

int cmd_synth(Args& args) {
    const auto out = args.value({"-o", "--output"});
    const auto shape = args.value_or({"--shape"}, "tiny");
    const auto type_name_arg = args.value_or({"--type", "-t"}, "q4_k");
    const auto embd_type_arg = args.value({"--embd-type"});
    const auto arch_arg = args.value_or({"--arch"}, "llama");
    const auto fill = args.value_or({"--fill"}, "quantize");
    const auto seed = args.integer({"--seed"}, 0, INT64_MAX);
    const auto threads = args.integer({"--threads"}, 0, 1024);
    const auto n_embd = args.integer({"--n-embd"}, 0, kMaxSize);
    const auto n_layer = args.integer({"--n-layer"}, 0, kMaxSize);
    const auto n_head = args.integer({"--n-head"}, 0, kMaxSize);
    const auto n_head_kv = args.integer({"--n-head-kv"}, 0, kMaxSize);
    const auto head_dim = args.integer({"--head-dim"}, 0, kMaxSize);
    const auto n_ff = args.integer({"--n-ff"}, 0, kMaxSize);
    const auto n_vocab = args.integer({"--n-vocab"}, 0, kMaxSize);
    const auto n_ctx = args.integer({"--ctx", "-c"}, 0, kMaxSize);
    const bool tied = args.flag({"--tied"});
    const bool untied = args.flag({"--untied"});
    const bool heavy = args.flag({"--heavy-tailed"});  // quantizer measurements (synthetic.h)
    if (!args.error.empty()) {
        std::fprintf(stderr, "error: synth: %s\n", args.error.c_str());
        return 2;
    }
    if (int rc = reject_unused(args, "synth")) return rc;
    if (!out) {
        std::fprintf(stderr, "error: synth needs an output file: hearth-cli synth -o FILE [--shape 7b|1b|tiny]\n");
        return 2;
    }

    auto spec = shape_spec(shape);
    if (!spec) return fail("Unknown shape '" + shape + "'; use 7b, 1b, tiny or custom.");
    auto arch = arch::arch_from_name(arch_arg);
    if (!arch) return fail("Unknown architecture '" + arch_arg + "'; use llama, qwen2, qwen3, phi3, gemma2 or gemma3.");
    spec->arch = *arch;
    auto type = type_from_name(type_name_arg);
    if (!type) return fail("Unknown tensor type '" + type_name_arg + "'; use for example f32, f16, q8_0, q4_k or q6_k.");
    spec->type = *type;
    auto embd_type = embd_type_arg ? type_from_name(*embd_type_arg) : type;
    if (!embd_type) return fail("Unknown tensor type '" + *embd_type_arg + "' for --embd-type.");
    spec->embd_type = *embd_type;
    if (fill == "random")
        spec->fill = arch::SyntheticSpec::Fill::RandomBlocks;
    else if (fill != "quantize")
        return fail("Unknown fill '" + fill + "'; use quantize (the default) or random (fast, for speed benchmarks).");
    if (tied && untied) return fail("--tied and --untied contradict each other.");
    if (tied) spec->tied_output = true;
    if (untied) spec->tied_output = false;
    spec->heavy_tailed = heavy;

    auto set = [](const std::optional<int64_t>& v, int32_t& field) {
        if (v) field = static_cast<int32_t>(*v);
    };
    set(n_embd, spec->n_embd);
    set(n_layer, spec->n_layer);
    set(n_head, spec->n_head);
    set(n_head_kv, spec->n_head_kv);
    set(head_dim, spec->head_dim);
    set(n_ff, spec->n_ff);
    set(n_vocab, spec->n_vocab);
    set(n_ctx, spec->n_ctx);
    // An override of n_head alone keeps the shape's grouping valid where it can.
    if (n_head && !n_head_kv && spec->n_head % spec->n_head_kv) spec->n_head_kv = spec->n_head;
    if (seed) spec->seed = static_cast<uint64_t>(*seed);
    if (threads) spec->threads = static_cast<int32_t>(*threads);

    const uint64_t bytes = arch::synthetic_model_bytes(*spec);
    const std::filesystem::path path(*out);
    std::error_code ec;
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const auto space = std::filesystem::space(dir, ec);
    if (!ec && bytes && space.available < bytes)
        return fail("The model needs " + std::to_string(bytes >> 20) + " MiB but " + dir.string() + " has only " +
                    std::to_string(space.available >> 20) + " MiB free.");

    const auto t0 = std::chrono::steady_clock::now();
    if (auto st = arch::write_synthetic_model(*spec, path); !st) return fail(st.error().message);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("wrote %s: %s, shape %s (n_embd %d, %d layers, %d/%d heads, n_ff %d, vocab %d%s), %s weights, "
                "%s embeddings, fill %s\n",
                path.string().c_str(), arch::arch_name(spec->arch), shape.c_str(), spec->n_embd, spec->n_layer,
                spec->n_head, spec->n_head_kv, spec->n_ff, spec->n_vocab, spec->tied_output ? ", tied" : "",
                type_name(spec->type), type_name(spec->embd_type), fill.c_str());
    std::printf("size: %.1f MiB in %.2f s (%.0f MB/s)\n", static_cast<double>(bytes) / (1024.0 * 1024.0), s,
                s > 0 ? static_cast<double>(bytes) / s / 1e6 : 0.0);
    return 0;
}

}  // namespace hearth::cli
