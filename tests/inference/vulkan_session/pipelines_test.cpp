// No hidden warm-up: every pipeline a conversation uses is created while the model loads, and
// the driver's compiled code is kept in a cache file that a damaged or foreign copy of cannot
// break.
#include <fstream>
#include <iterator>
#include <vector>

#include "inference/vulkan/pipeline.h"
#include "shaders/spirv.h"
#include "session_fixture.h"

namespace hearth::vk::test_session {

TEST(VulkanPipelines, TheFirstMessagesCreateNoPipelineAfterTheLoad) {
    auto l = synthetic(small_spec(), "pipelines-first");
    ASSERT_TRUE(l);
    VulkanOptions o;
    o.n_ctx = 512;
    uint32_t steps = 0, total = 0;
    o.pipeline_progress = [&](uint32_t done, uint32_t t) {
        EXPECT_EQ(done, steps);
        ++steps;
        total = t;
        return true;
    };
    auto b = make_vulkan_backend(*l->model, o);
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(steps, total + 1) << "progress from 0 to total";
    const size_t after_load = (*b)->pipeline_count();
    EXPECT_GT(after_load, 10u);
    // Prompts of every length class (1 to 4 rows use the matrix-vector kernel; longer ones the
    // tiled kernels and prefill attention with its tile heights), chunked prompts, decoding,
    // greedy and sampled.
    int32_t pos = 0;
    for (uint32_t n : {1u, 2u, 3u, 4u, 5u, 7u, 9u, 17u, 33u, 64u, 100u}) {
        std::vector<int32_t> toks(n, 7);
        if (pos + static_cast<int32_t>(n) + 2 > o.n_ctx) pos = 0;
        ASSERT_TRUE((*b)->eval_greedy(toks, pos));
        pos += static_cast<int32_t>(n);
        sampling::CandidateRequest req;
        req.k = 40;
        req.n_vocab = l->model->hp.n_vocab;
        req.log_sum_exp = true;
        sampling::RowSummary sum;
        ASSERT_TRUE((*b)->eval_candidates(std::vector<int32_t>{3}, pos, req, sum));
        ++pos;
    }
    EXPECT_EQ((*b)->pipeline_count(), after_load) << "a message compiled pipelines the load did not";
}

TEST(VulkanPipelines, ADamagedCacheFileIsIgnoredAndReplaced) {
    auto dir = test::scratch_dir("vulkan-pipeline-cache");
    auto d = create_device();
    ASSERT_TRUE(d) << d.error().message;
    std::filesystem::path file;
    {
        PipelineCache c(**d, dir);
        file = c.file();
        ASSERT_FALSE(file.empty());
    }
    ASSERT_TRUE(std::filesystem::exists(file)) << "an empty cache is written too, so the next start finds one";
    for (const std::string& garbage : {std::string("not a cache"), std::string(4096, '\xff'), std::string()}) {
        {
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            out << garbage;
        }
        {
            PipelineCache c(**d, dir);
            EXPECT_FALSE(c.loaded_from_file()) << "a damaged file was given to the driver";
            auto p = c.get({"fill_u32", shaders::fill_u32, {64}, 8, 1});
            ASSERT_TRUE(p) << p.error().message;
        }  // saved on destruction
        PipelineCache again(**d, dir);
        EXPECT_TRUE(again.loaded_from_file()) << "the damaged file was not replaced";
    }
    // A valid file whose data was changed after the header was written (a partial write).
    std::vector<char> bytes;
    {
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    ASSERT_GT(bytes.size(), 64u);
    bytes.back() ^= 0x5a;
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    PipelineCache c(**d, dir);
    EXPECT_FALSE(c.loaded_from_file());
}

}  // namespace hearth::vk::test_session
