#include "inference/quant/imatrix.h"

#include <cstring>

#include "inference/gguf/gguf_writer.h"

namespace hearth::quant {

namespace {
constexpr std::string_view kSum2 = ".in_sum2";
constexpr std::string_view kCounts = ".counts";
}  // namespace

std::vector<float> ImatrixEntry::importance() const {
    std::vector<float> v(sum2.size(), 0.0f);
    if (count > 0)
        for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(sum2[i] / count);
    return v;
}

const ImatrixEntry* Imatrix::find(const std::string& weight) const {
    auto it = entries.find(weight);
    return it == entries.end() ? nullptr : &it->second;
}

Status save_imatrix(const Imatrix& m, const std::filesystem::path& path) {
    GgufWriter w;
    w.set_string("general.type", "imatrix");
    w.set_u32("imatrix.chunk_count", m.chunk_count);
    w.set_u32("imatrix.chunk_size", m.chunk_size);
    w.set_string_array("imatrix.datasets", m.datasets);
    for (const auto& [name, e] : m.entries) {
        std::vector<float> sums(e.sum2.begin(), e.sum2.end());
        const int64_t ne_sum[] = {static_cast<int64_t>(sums.size())};
        const int64_t ne_one[] = {1};
        const float count = static_cast<float>(e.count);
        if (auto s = w.add_tensor_f32(name + std::string(kSum2), TensorType::F32, ne_sum, sums); !s) return s;
        if (auto s = w.add_tensor_f32(name + std::string(kCounts), TensorType::F32, ne_one, std::span(&count, 1)); !s)
            return s;
    }
    if (auto s = w.write(path); !s) return make_error("imatrix.write", s.error().message);
    return {};
}

Result<Imatrix> load_imatrix(const std::filesystem::path& path) {
    auto f = GgufFile::open(path);
    if (!f) return f.error();
    const auto bad = [&](const std::string& why) {
        return make_error("imatrix.bad_file", path.string() + " is not a usable importance matrix: " + why +
                                                  ". Make one with 'hearth-cli imatrix'.");
    };
    if (f->get_string("general.type") != std::optional<std::string_view>("imatrix"))
        return bad("its general.type is not \"imatrix\"");
    Imatrix m;
    m.chunk_count = static_cast<uint32_t>(f->get_uint("imatrix.chunk_count").value_or(0));
    m.chunk_size = static_cast<uint32_t>(f->get_uint("imatrix.chunk_size").value_or(0));
    if (auto ds = f->get_string_array("imatrix.datasets"))
        for (auto d : *ds) m.datasets.emplace_back(d);
    for (const auto& t : f->tensors()) {
        const std::string_view n = t.name;
        if (!n.ends_with(kSum2)) continue;
        const std::string weight(n.substr(0, n.size() - kSum2.size()));
        const GgufTensorInfo* c = f->tensor(weight + std::string(kCounts));
        if (t.type != TensorType::F32 || t.n_dims != 1 || !c || c->type != TensorType::F32 || c->n_elements() != 1)
            return bad("tensor " + std::string(n) + " lacks its F32 counts");
        ImatrixEntry e;
        const auto* s = reinterpret_cast<const uint8_t*>(t.data);
        e.sum2.resize(static_cast<size_t>(t.ne[0]));
        for (size_t i = 0; i < e.sum2.size(); ++i) {
            float v;
            std::memcpy(&v, s + 4 * i, 4);
            if (!(v >= 0)) return bad("tensor " + std::string(n) + " holds a negative or NaN sum");
            e.sum2[i] = v;
        }
        float cnt;
        std::memcpy(&cnt, c->data, 4);
        if (!(cnt >= 0)) return bad("tensor " + weight + ".counts is negative");
        e.count = cnt;
        m.entries.emplace(weight, std::move(e));
    }
    if (m.entries.empty()) return bad("it holds no matrices");
    return m;
}

}  // namespace hearth::quant
