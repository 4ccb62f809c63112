#include "downloader/gguf_check.h"

#include "inference/arch/load_model.h"
#include "inference/gguf/gguf_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>

namespace hearth::dl {

Status check_gguf_download(const std::filesystem::path& path) {
    // A part of a split model is a complete GGUF file too; GgufFile::open would want its siblings.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return make_error("gguf.io", path.filename().string() + ": cannot open the file (" + std::strerror(errno) + ")");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
        ::close(fd);
        return make_error("gguf.io", path.filename().string() + ": the file is empty or unreadable");
    }
    const size_t size = static_cast<size_t>(st.st_size);
    void* m = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (m == MAP_FAILED) return make_error("gguf.io", path.filename().string() + ": cannot map the file into memory");
    auto f = GgufFile::from_memory(std::span<const uint8_t>(static_cast<const uint8_t*>(m), size), path.string());
    Status result = f ? Status{} : Status(f.error());
    ::munmap(m, size);
    return result;
}

Status check_gguf_file(const std::filesystem::path& path) {
    auto f = GgufFile::open(path);
    if (!f) return f.error();
    return {};
}

std::string quant_from_file_type(int t) {
    switch (t) {
        case 0: return "F32";
        case 1: return "F16";
        case 2: return "Q4_0";
        case 3: return "Q4_1";
        case 7: return "Q8_0";
        case 8: return "Q5_0";
        case 9: return "Q5_1";
        case 10: return "Q2_K";
        case 11: return "Q3_K_S";
        case 12: return "Q3_K_M";
        case 13: return "Q3_K_L";
        case 14: return "Q4_K_S";
        case 15: return "Q4_K_M";
        case 16: return "Q5_K_S";
        case 17: return "Q5_K_M";
        case 18: return "Q6_K";
        case 19: return "IQ2_XXS";
        case 20: return "IQ2_XS";
        case 21: return "Q2_K_S";
        case 22: return "IQ3_XS";
        case 23: return "IQ3_XXS";
        case 24: return "IQ1_S";
        case 25: return "IQ4_NL";
        case 26: return "IQ3_S";
        case 27: return "IQ3_M";
        case 28: return "IQ2_S";
        case 29: return "IQ2_M";
        case 30: return "IQ4_XS";
        case 31: return "IQ1_M";
        case 32: return "BF16";
        case 36: return "TQ1_0";
        case 37: return "TQ2_0";
        default: return "";
    }
}

Result<GgufFacts> read_gguf_facts(const std::filesystem::path& path) {
    auto f = GgufFile::open(path);
    if (!f) return f.error();
    GgufFacts out;
    out.architecture = std::string(f->get_string("general.architecture").value_or(""));
    if (auto ft = f->get_int("general.file_type")) out.quant = quant_from_file_type(static_cast<int>(*ft));
    const std::string a = out.architecture + ".";
    auto u = [&](const std::string& key) { return static_cast<int>(f->get_uint(a + key).value_or(0)); };
    auto& s = out.shape;
    for (const auto& t : f->tensors()) s.weight_bytes += static_cast<int64_t>(t.size_bytes);
    s.layers = u("block_count");
    s.heads = u("attention.head_count");
    s.kv_heads = u("attention.head_count_kv");
    if (s.kv_heads == 0) s.kv_heads = s.heads;  // absent (or per-layer): assume no GQA, the safe side
    s.embedding = u("embedding_length");
    s.head_dim = u("attention.key_length");
    if (s.head_dim == 0 && s.heads > 0) s.head_dim = s.embedding / s.heads;
    s.vocab = static_cast<int>(f->get_array_count("tokenizer.ggml.tokens").value_or(0));
    s.trained_context = static_cast<int64_t>(f->get_uint(a + "context_length").value_or(0));
    s.feed_forward = u("feed_forward_length");
    // An architecture the engine runs: its exact memory plan from the tensor table.
    if (auto hp = arch::read_hparams(*f)) {
        s.hparams = *hp;
        s.tensors = arch::tensor_shapes(*f);
    }
    return out;
}

}  // namespace hearth::dl
