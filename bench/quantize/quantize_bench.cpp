// Encoder speed: `hearth_bench_quantize [--model F.gguf] [--imatrix F] [--types T,T,...]
// [--max-mweights M] [--repeat N]`.
// Encodes the weight matrices of a model (by default the shared brown-6L256.gguf; synthetic
// heavy-tailed rows when it is absent) with quantize_row_weighted, one type at a time, on this
// thread only, without and with importances (the --imatrix file's, else a fixed synthetic set),
// and prints the CPU seconds per million weights (best of N runs: CPU time still varies with what
// shares the core). At most M million weights per run, taken as the same leading share of the
// rows of every matrix. The codebook indexes are built before the timing starts.
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "inference/gguf/gguf_reader.h"
#include "inference/quant/block_quant.h"
#include "inference/quant/imatrix.h"
#include "inference/tensor/tensor_type.h"

using namespace hearth;

namespace {

struct Matrix {
    std::string name;
    int64_t cols = 0, rows = 0;
    std::vector<float> x;    // rows * cols
    std::vector<float> imp;  // cols: the importances used for the "imatrix" column
};

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// A fixed importance per column, spread over three orders of magnitude like a real imatrix's.
std::vector<float> synthetic_importance(int64_t cols) {
    std::vector<float> imp(static_cast<size_t>(cols));
    for (int64_t c = 0; c < cols; ++c)
        imp[static_cast<size_t>(c)] = 0.01f + static_cast<float>((c * 7919) % 1000) / 100.0f;
    return imp;
}

// Heavy-tailed rows from a fixed linear congruential sequence (outlier every 97th column).
Matrix synthetic_matrix(int64_t rows, int64_t cols) {
    Matrix m{"synthetic", cols, rows, {}, synthetic_importance(cols)};
    m.x.resize(static_cast<size_t>(rows * cols));
    uint64_t s = 12345;
    auto uniform = [&] {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<float>(s >> 40) / 16777216.0f;
    };
    for (size_t i = 0; i < m.x.size(); ++i) {
        const float bell = uniform() + uniform() + uniform() + uniform() - 2.0f;
        m.x[i] = 0.02f * bell / (uniform() + 0.05f) * (i % 97 == 5 ? 10.0f : 1.0f);
    }
    return m;
}

// The F32 matrices of a model whose rows hold whole 256-element super-blocks, at most `max_weights`
// weights in all.
std::optional<std::vector<Matrix>> model_matrices(const std::filesystem::path& path, const quant::Imatrix* im,
                                                  double max_weights) {
    auto file = GgufFile::open(path);
    if (!file.ok()) return std::nullopt;
    double total = 0;
    for (const auto& t : file->tensors())
        if (t.type == TensorType::F32 && t.n_dims == 2 && t.ne[0] % 256 == 0)
            total += static_cast<double>(t.n_elements());
    const double share = std::min(1.0, max_weights / std::max(total, 1.0));
    std::vector<Matrix> out;
    for (const auto& t : file->tensors()) {
        if (t.type != TensorType::F32 || t.n_dims != 2 || t.ne[0] % 256 != 0) continue;
        Matrix m;
        m.name = std::string(t.name);
        m.cols = t.ne[0];
        m.rows = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(static_cast<double>(t.ne[1]) * share)));
        const auto* p = reinterpret_cast<const float*>(t.data);
        m.x.assign(p, p + m.rows * m.cols);
        const quant::ImatrixEntry* e = im ? im->find(m.name) : nullptr;
        m.imp = e && static_cast<int64_t>(e->sum2.size()) == m.cols ? e->importance()
                                                                    : synthetic_importance(m.cols);
        out.push_back(std::move(m));
    }
    return out;
}

// CPU seconds to encode every matrix as t (importances or none); false on an encoder error.
bool encode_all(TensorType t, const std::vector<Matrix>& ms, bool with_imp, double& seconds) {
    std::vector<uint8_t> buf;
    const double t0 = thread_cpu_seconds();
    for (const Matrix& m : ms) {
        buf.resize(row_bytes(t, m.cols));
        for (int64_t r = 0; r < m.rows; ++r) {
            const float* row = m.x.data() + r * m.cols;
            if (!quant::quantize_row_weighted(t, row, with_imp ? m.imp.data() : nullptr, buf.data(), m.cols)
                     .ok())
                return false;
        }
    }
    seconds = thread_cpu_seconds() - t0;
    return true;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const char* env = std::getenv("HEARTH_TESTDATA");
    const std::filesystem::path testdata = env && *env ? env : HEARTH_TESTDATA_DIR_DEFAULT;
    std::filesystem::path model = testdata / "models/brown-6L256.gguf", imatrix_path;
    std::string types =
        "IQ4_NL,IQ4_XS,IQ3_S,IQ3_XXS,IQ2_S,IQ2_XS,IQ2_XXS,IQ1_M,IQ1_S,Q2_K,Q3_K,Q4_K,Q5_K,Q6_K";
    double max_mweights = 1.0;
    int repeat = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--model")
            model = v;
        else if (a == "--imatrix")
            imatrix_path = v;
        else if (a == "--types")
            types = v;
        else if (a == "--max-mweights")
            max_mweights = std::atof(v.c_str());
        else if (a == "--repeat")
            repeat = std::max(1, std::atoi(v.c_str()));
        else {
            std::fprintf(stderr,
                         "usage: hearth_bench_quantize [--model F.gguf] [--imatrix F] [--types T,T,...] "
                         "[--max-mweights M] [--repeat N]\n");
            return 2;
        }
    }
    std::optional<quant::Imatrix> im;
    if (!imatrix_path.empty()) {
        auto r = quant::load_imatrix(imatrix_path);
        if (!r.ok()) {
            std::fprintf(stderr, "%s\n", r.error().message.c_str());
            return 1;
        }
        im = std::move(r.value());
    }
    auto loaded = model_matrices(model, im ? &*im : nullptr, max_mweights * 1e6);
    std::vector<Matrix> ms;
    if (loaded && !loaded->empty()) {
        ms = std::move(*loaded);
        std::printf("matrices of %s\n", model.string().c_str());
    } else {
        ms.push_back(synthetic_matrix(static_cast<int64_t>(std::max(1.0, max_mweights * 1e6 / 4096)), 4096));
        std::printf("%s not readable: synthetic heavy-tailed rows of 4096\n", model.string().c_str());
    }
    double n = 0;
    for (const Matrix& m : ms) n += static_cast<double>(m.rows * m.cols);
    std::printf("%.3f M weights per run, importances: %s, best of %d\n", n / 1e6,
                im ? imatrix_path.string().c_str() : "synthetic", repeat);
    std::printf("%-8s %14s %14s   (CPU s per million weights, one thread)\n", "type", "none", "importance");
    for (const std::string& name : split(types)) {
        const auto t = type_from_name(name);
        if (!t) {
            std::fprintf(stderr, "unknown type %s\n", name.c_str());
            return 2;
        }
        // Untimed first row: builds the codebook indexes (once per process, not per weight).
        std::vector<uint8_t> warm(row_bytes(*t, ms[0].cols));
        if (!quant::quantize_row_weighted(*t, ms[0].x.data(), nullptr, warm.data(), ms[0].cols).ok())
            return 1;
        double best[2] = {1e30, 1e30};
        for (int r = 0; r < repeat; ++r)
            for (int with = 0; with < 2; ++with) {
                double s = 0;
                if (!encode_all(*t, ms, with == 1, s)) {
                    std::fprintf(stderr, "%s: the encoder failed\n", name.c_str());
                    return 1;
                }
                best[with] = std::min(best[with], s);
            }
        std::printf("%-8s %14.3f %14.3f\n", name.c_str(), best[0] / n * 1e6, best[1] / n * 1e6);
        std::fflush(stdout);
    }
    return 0;
}
