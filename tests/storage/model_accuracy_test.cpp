// Accuracy runs stored with their model: listed newest first, the model's indicator fields
// updated, removed with the model, refused for a model that does not exist.
#include <gtest/gtest.h>

#include "storage/model_accuracy.h"
#include "storage/models.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

TEST(ModelAccuracy, RecordsListsAndFollowsTheModel) {
    auto db = open_or_die(db_path("accuracy"));
    ASSERT_TRUE(db);
    ModelRecord m;
    m.path = "/models/brown-Q4_K_M.gguf";
    m.quant = "Q4_K_M";
    auto id = write_sync(*db, [&](Connection& c) { return upsert_model(c, m); });
    ASSERT_OK(id);
    AccuracyRecord r;
    r.model_id = *id;
    r.reference = "brown-6L256.gguf";
    r.text = "brown-eval.txt";
    r.n_ctx = 256;
    r.tokens = 6858;
    r.perplexity = 57.39;
    r.kld_mean = 0.0017;
    r.top1 = 0.956;
    r.measured_at = 1000;
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return record_accuracy(c, r); }));
    r.kld_mean = 0.0016;
    r.measured_at = 2000;
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return record_accuracy(c, r); }));
    auto list = read_sync(*db, [&](Connection& c) { return list_accuracy(c, *id); });
    ASSERT_OK(list);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].measured_at, 2000);
    EXPECT_EQ((*list)[0].text, "brown-eval.txt");
    EXPECT_EQ((*list)[1].kld_mean, 0.0017);
    auto model = read_sync(*db, [&](Connection& c) { return get_model(c, *id); });
    ASSERT_OK(model);
    EXPECT_EQ(model->kl_divergence, 0.0016);
    EXPECT_EQ(model->top1_agreement, 0.956);
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return remove_model(c, *id); }));
    auto after = read_sync(*db, [&](Connection& c) { return list_accuracy(c, *id); });
    ASSERT_OK(after);
    EXPECT_TRUE(after->empty());
    r.model_id = *id + 100;
    auto bad = write_sync(*db, [&](Connection& c) { return record_accuracy(c, r); });
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "storage.not_found");
}

}  // namespace
}  // namespace hearth::storage
