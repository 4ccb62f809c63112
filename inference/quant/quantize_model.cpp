#include "inference/quant/quantize_model.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "inference/arch/load_model.h"
#include "inference/arch/memory_plan.h"
#include "inference/gguf/gguf_writer.h"
#include "inference/quant/block_quant.h"
#include "inference/quant/output_file.h"
#include "inference/quant/source.h"
#include "inference/tensor/dequantize.h"
#include "inference/tensor/quantize.h"

namespace hearth::quant {
namespace {

constexpr int64_t kRowsPerTask = 8;

// The output's metadata and tensor table: the source's keys, then the file type and quantization
// version (replacing the source's values in place when present), then what the imatrix was.
Result<GgufWriter> make_header(const GgufFile& src, const std::vector<TensorChoice>& plan, const QuantizeOptions& o) {
    GgufWriter w;
    for (const auto& kv : src.metadata()) w.set_value(kv.key, kv.value);
    w.set_u32("general.quantization_version", 2);
    w.set_u32("general.file_type", level_file_type(o.level));
    if (o.imatrix) {
        w.set_string("quantize.imatrix.file", o.imatrix_name);
        std::string ds;
        for (const auto& d : o.imatrix->datasets) ds += (ds.empty() ? "" : ", ") + d;
        w.set_string("quantize.imatrix.dataset", ds);
        w.set_i32("quantize.imatrix.entries_count", static_cast<int32_t>(o.imatrix->entries.size()));
        w.set_i32("quantize.imatrix.chunks_count", static_cast<int32_t>(o.imatrix->chunk_count));
    }
    if (!o.imatrix && o.imatrix_pending) {  // the same keys, sized alike (the counts are fixed-width)
        w.set_string("quantize.imatrix.file", o.imatrix_name);
        w.set_string("quantize.imatrix.dataset", std::filesystem::path(o.imatrix_name).filename().string());
        w.set_i32("quantize.imatrix.entries_count", 0);
        w.set_i32("quantize.imatrix.chunks_count", 0);
    }
    for (size_t i = 0; i < plan.size(); ++i) {
        const GgufTensorInfo& t = src.tensors()[i];
        if (auto s = w.add_tensor_streamed(t.name, plan[i].to, std::span<const int64_t>(t.ne, size_t(t.n_dims))); !s)
            return s.error();
    }
    return w;
}

struct Shared {
    std::mutex mu;
    std::condition_variable cv;
    std::atomic<int64_t> next_row{0};
    int64_t rows_done = 0;  // under mu
    int workers_left = 0;   // under mu
    std::atomic<bool> stop{false};
    Status error;           // first error, under mu
};

void worker(const GgufTensorInfo& t, const uint8_t* data, TensorType to, const float* importance, Rounding rounding,
            uint8_t* out, Shared& sh) {
    const int64_t n = t.ne[0], rows = t.n_rows();
    const uint64_t in_rb = t.row_size(), out_rb = row_bytes(to, n);
    std::vector<float> row(static_cast<size_t>(n));
    Status err;
    for (;;) {
        if (sh.stop.load()) break;
        const int64_t r0 = sh.next_row.fetch_add(kRowsPerTask);
        if (r0 >= rows) break;
        const int64_t r1 = std::min(rows, r0 + kRowsPerTask);
        for (int64_t r = r0; r < r1 && err.ok(); ++r) {
            dequantize_row(t.type, data + static_cast<uint64_t>(r) * in_rb, row.data(), n);
            uint8_t* dst = out + static_cast<uint64_t>(r) * out_rb;
            if (auto s = rounding == Rounding::Plain ? quantize_row(to, row.data(), dst, n)
                                                     : quantize_row_weighted(to, row.data(), importance, dst, n);
                !s)
                err = make_error(s.error().code, "Tensor " + std::string(t.name) + ", row " + std::to_string(r) + ": " +
                                                     s.error().message);
        }
        std::lock_guard lk(sh.mu);
        sh.rows_done += r1 - r0;
        if (!err.ok()) {
            if (sh.error.ok()) sh.error = err;
            sh.stop = true;
        }
        sh.cv.notify_all();
        if (!err.ok()) break;
    }
    std::lock_guard lk(sh.mu);
    --sh.workers_left;
    sh.cv.notify_all();
}

}  // namespace

Result<QuantizePlan> plan_quantize(const GgufFile& src, const QuantizeOptions& opts) {
    QuantizePlan p;
    const bool weighted = opts.rounding == Rounding::Weighted;
    const bool with_imatrix = weighted && (opts.imatrix || opts.imatrix_pending);
    p.tensors = plan_tensors(src, opts.level, with_imatrix);
    if (auto advice = level_advice(opts.level, with_imatrix); !advice.empty()) p.notes.push_back(advice);
    uint64_t data_bytes = 0;
    std::map<TensorType, uint64_t> reduced_again;  // weights re-encoded from a type below Q8_0
    for (size_t i = 0; i < p.tensors.size(); ++i) {
        const GgufTensorInfo& t = src.tensors()[i];
        TensorChoice& c = p.tensors[i];
        p.n_weights += static_cast<uint64_t>(t.n_elements());
        data_bytes += row_bytes(c.to, t.ne[0]) * static_cast<uint64_t>(t.n_rows());
        if (c.fallback) p.notes.push_back(c.name + ": " + c.note);
        if (c.to == c.from) continue;
        if (is_quantized(c.from) && c.from != TensorType::Q8_0)
            reduced_again[c.from] += static_cast<uint64_t>(t.n_elements());
        if (!is_supported(c.from))
            return make_error("quant.bad_source", "Tensor " + c.name + " is stored as " + type_name(c.from) +
                                                      ", which Hearth cannot read; start from an F32, F16, BF16 or "
                                                      "Q8_0 file.");
        if (!opts.imatrix || !is_quantized(c.to)) continue;
        const ImatrixEntry* e = opts.imatrix->find(c.name);
        if (!e) {
            if (c.name != "token_embd.weight")  // a lookup table, not a matrix product: never in an imatrix
                p.notes.push_back(c.name + ": not in the importance matrix; quantized with the default weighting");
        } else if (e->sum2.size() != static_cast<size_t>(t.ne[0])) {
            return make_error("imatrix.mismatch", "The importance matrix has " + std::to_string(e->sum2.size()) +
                                                      " columns for " + c.name + ", but its rows have " +
                                                      std::to_string(t.ne[0]) +
                                                      " elements: it was made for another model.");
        }
    }
    if (!reduced_again.empty()) {
        const auto most = std::max_element(reduced_again.begin(), reduced_again.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
        p.notes.push_back(std::string("The model is already reduced to ") + type_name(most->first) +
                          ": reducing it again adds a second rounding's loss to the first. For the best result, "
                          "start from the original (F16, BF16 or F32) file.");
    }
    auto header = make_header(src, p.tensors, opts);
    if (!header) return header.error();
    p.file_size = header->file_size();
    if (auto hp = arch::read_hparams(src)) {
        std::vector<arch::TensorShape> shapes;
        for (size_t i = 0; i < p.tensors.size(); ++i) {
            const GgufTensorInfo& t = src.tensors()[i];
            shapes.push_back({p.tensors[i].name, p.tensors[i].to, {t.ne[0], t.ne[1], t.ne[2], t.ne[3]}});
        }
        if (auto mp = arch::plan_memory(*hp, shapes)) p.vram_bytes = mp->total();
    }
    p.bits_per_weight = p.n_weights ? 8.0 * static_cast<double>(data_bytes) / static_cast<double>(p.n_weights) : 0;
    return p;
}

Result<QuantizeResult> quantize_model(const std::filesystem::path& in, const std::filesystem::path& out,
                                      const QuantizeOptions& opts) {
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    std::error_code ec;
    if (std::filesystem::equivalent(in, out, ec))
        return make_error("quant.same_file", "The smaller model cannot replace its source " + in.string() +
                                                 "; choose another output file.");
    auto opened = open_source(in);
    if (!opened) return opened.error();
    ModelSource& source = **opened;
    const GgufFile* src = &source.table();
    auto plan = plan_quantize(*src, opts);
    if (!plan) return plan.error();
    // The plan predicts any level; writing needs an encoder for each type it chose (plain rounding
    // is quantize_row's, which has no IQ types).
    const bool weighted = opts.rounding == Rounding::Weighted;
    for (const auto& c : plan->tensors)
        if (c.to != c.from && is_quantized(c.to) && !(weighted ? has_weighted_encoder(c.to) : is_writable(c.to)))
            return make_error("quant.unsupported_type", std::string("Hearth cannot write ") + type_name(c.to) +
                                                            (weighted ? " yet" : " with plain rounding") + ", which level " +
                                                            level_name(opts.level) + " uses for " + c.name +
                                                            "; choose another level.");
    auto header = make_header(*src, plan->tensors, opts);
    if (!header) return header.error();
    auto file = OutputFile::create(out, plan->file_size);
    if (!file) return file.error();
    if (auto s = file->write(header->header_bytes()); !s) return s.error();

    const uint64_t align = header->alignment();
    QuantizeResult res;
    for (const auto& t : src->tensors()) res.source_bytes += t.size_bytes;
    const int n_threads = opts.threads > 0 ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
    QuantizeProgress prog;
    prog.n_tensors = static_cast<int>(src->tensors().size());
    prog.total = res.source_bytes;
    auto report = [&](uint64_t done) {
        prog.done = done;
        prog.elapsed_s = std::chrono::duration<double>(Clock::now() - t0).count();
        prog.eta_s = done > 0 && done < prog.total
                         ? prog.elapsed_s * static_cast<double>(prog.total - done) / static_cast<double>(done)
                         : (done >= prog.total ? 0.0 : -1.0);
        if (opts.on_progress) opts.on_progress(prog);
    };
    auto cancelled = [&] { return opts.cancel && opts.cancel->load(); };
    auto cancel_error = [] {
        return make_error("quant.cancelled", "Making the model smaller was cancelled; nothing was saved.");
    };

    uint64_t done_bytes = 0;
    std::vector<uint8_t> buf;
    for (size_t i = 0; i < src->tensors().size(); ++i) {
        const GgufTensorInfo& t = src->tensors()[i];
        const TensorChoice& c = plan->tensors[i];
        prog.tensor = static_cast<int>(i);
        prog.name = t.name;
        if (cancelled()) return cancel_error();
        auto data = source.read(i);
        if (!data) return data.error();
        if (c.to == c.from) {
            if (auto s = file->write(*data); !s) return s.error();
        } else {
            const float* imp = nullptr;
            std::vector<float> importance;
            if (opts.imatrix && is_quantized(c.to))
                if (const ImatrixEntry* e = opts.imatrix->find(c.name)) {
                    importance = e->importance();
                    imp = importance.data();
                }
            buf.resize(row_bytes(c.to, t.ne[0]) * static_cast<uint64_t>(t.n_rows()));
            Shared sh;
            const int64_t rows = t.n_rows();
            const int n_workers = static_cast<int>(std::min<int64_t>(n_threads, (rows + kRowsPerTask - 1) / kRowsPerTask));
            sh.workers_left = n_workers;
            std::vector<std::thread> pool;
            pool.reserve(static_cast<size_t>(n_workers));
            for (int k = 0; k < n_workers; ++k)
                pool.emplace_back(worker, std::cref(t), data->data(), c.to, imp, opts.rounding, buf.data(), std::ref(sh));
            {
                std::unique_lock lk(sh.mu);
                while (sh.workers_left > 0) {
                    sh.cv.wait_for(lk, std::chrono::milliseconds(200));
                    if (cancelled()) sh.stop = true;
                    const uint64_t part = t.size_bytes * static_cast<uint64_t>(sh.rows_done) / static_cast<uint64_t>(rows);
                    lk.unlock();
                    report(done_bytes + part);
                    lk.lock();
                }
            }
            for (auto& th : pool) th.join();
            if (!sh.error.ok()) return sh.error.error();
            if (cancelled()) return cancel_error();
            if (auto s = file->write(buf); !s) return s.error();
        }
        if (auto s = file->pad_to(align); !s) return s.error();
        source.release(i);
        done_bytes += t.size_bytes;
        report(done_bytes);
    }
    if (file->written() != plan->file_size)
        return make_error("quant.write", "Internal error: wrote " + std::to_string(file->written()) +
                                             " bytes where the plan said " + std::to_string(plan->file_size) + ".");
    if (auto s = file->commit(); !s) return s.error();
    res.plan = std::move(*plan);
    res.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return res;
}

}  // namespace hearth::quant
