#include "inference/quant/source.h"

#include "base/mapped_file.h"
#include "inference/hf/hf_model.h"

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
        release_pages({t.data, t.size_bytes});
    }

private:
    GgufFile file_;
};

class HfSource final : public ModelSource {
public:
    explicit HfSource(std::unique_ptr<hf::HfModel> m) : model_(std::move(m)) {}
    const GgufFile& table() const override { return model_->table(); }
    Result<std::span<const uint8_t>> read(size_t i) override { return model_->read(i); }
    void release(size_t i) override { model_->release(i); }

private:
    std::unique_ptr<hf::HfModel> model_;
};

}  // namespace

Result<std::unique_ptr<ModelSource>> open_source(const std::filesystem::path& in) {
    std::error_code ec;
    if (std::filesystem::is_directory(in, ec)) {
        auto m = hf::HfModel::open(in);
        if (!m) return m.error();
        return std::unique_ptr<ModelSource>(std::make_unique<HfSource>(std::move(*m)));
    }
    auto f = GgufFile::open(in);
    if (!f) return f.error();
    return std::unique_ptr<ModelSource>(std::make_unique<GgufSource>(std::move(*f)));
}

}  // namespace hearth::quant
