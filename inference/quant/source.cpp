#include "inference/quant/source.h"

#include <sys/mman.h>
#include <unistd.h>

#include "base/align.h"

namespace hearth::quant {
namespace {

class GgufSource final : public ModelSource {
public:
    explicit GgufSource(GgufFile f) : file_(std::move(f)) {}
    const GgufFile& table() const override { return file_; }
    Result<std::span<const uint8_t>> read(size_t i) override {
        const GgufTensorInfo& t = file_.tensors()[i];
        return std::span<const uint8_t>(t.data, t.size_bytes);
    }
    // The tensor's pages are clean file pages: dropping them only keeps the process's resident
    // size at one tensor rather than the whole model.
    void release(size_t i) override {
        const GgufTensorInfo& t = file_.tensors()[i];
        const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
        const auto begin = reinterpret_cast<uintptr_t>(t.data);
        const uintptr_t first = align_up(begin, page), last = align_down(begin + t.size_bytes, page);
        if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
    }

private:
    GgufFile file_;
};

}  // namespace

Result<std::unique_ptr<ModelSource>> open_source(const std::filesystem::path& in) {
    auto f = GgufFile::open(in);
    if (!f) return f.error();
    return std::unique_ptr<ModelSource>(std::make_unique<GgufSource>(std::move(*f)));
}

}  // namespace hearth::quant
