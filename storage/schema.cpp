#include "storage/schema.h"

#include <string>

#include "storage/connection.h"

namespace hearth::storage {
namespace {

// Times are milliseconds since the Unix epoch. Text columns default to '' rather than NULL
// so readers need not tell "unknown" from "empty" where the difference means nothing.
constexpr const char* kStep1 = R"sql(
CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    model           TEXT    NOT NULL DEFAULT '',
    system_prompt   TEXT    NOT NULL DEFAULT '',
    sampling_json   TEXT    NOT NULL DEFAULT '{}',
    pinned          INTEGER NOT NULL DEFAULT 0,
    folder          TEXT    NOT NULL DEFAULT '',
    -- The message the chat view shows last; its ancestors are the visible branch. No foreign
    -- key: deleting messages must not scan every conversation to null this out.
    active_leaf_id  INTEGER,
    deleted_at      INTEGER  -- set by a soft delete; purged some time later
);
-- The conversation list: pinned first, then most recently updated, keyset-paged.
CREATE INDEX conversations_list ON conversations (pinned DESC, updated_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX conversations_deleted ON conversations (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    -- An edit or a regeneration is a sibling: same parent, new row.
    parent_id        INTEGER REFERENCES messages (id) ON DELETE CASCADE,
    role             TEXT    NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content          TEXT    NOT NULL DEFAULT '',
    model            TEXT    NOT NULL DEFAULT '',
    quant            TEXT    NOT NULL DEFAULT '',
    token_count      INTEGER NOT NULL DEFAULT 0,
    ttft_ms          INTEGER,  -- time to first token; NULL for messages we did not generate
    tokens_per_s     REAL,
    stop_reason      TEXT    NOT NULL DEFAULT '',
    token_probs      BLOB,     -- per token, the chosen token's probability as uint16 LE (p * 65535)
    created_at       INTEGER NOT NULL
);
CREATE INDEX messages_children ON messages (conversation_id, parent_id, id);
CREATE INDEX messages_parent ON messages (parent_id);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE downloads (
    id               INTEGER PRIMARY KEY,
    url              TEXT    NOT NULL,
    dest_path        TEXT    NOT NULL,
    repo             TEXT    NOT NULL DEFAULT '',
    file             TEXT    NOT NULL DEFAULT '',
    expected_size    INTEGER NOT NULL DEFAULT -1,
    expected_sha256  TEXT    NOT NULL DEFAULT '',
    bytes_done       INTEGER NOT NULL DEFAULT 0,
    etag             TEXT    NOT NULL DEFAULT '',
    last_modified    TEXT    NOT NULL DEFAULT '',
    state            TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN
                         ('queued', 'running', 'paused', 'verifying', 'done', 'failed', 'cancelled')),
    error            TEXT    NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
)sql";

// External-content FTS5: the text lives once, in messages; the index holds only tokens.
// The triggers keep it exact, including for rows that a cascade deletes.
constexpr const char* kStep2 = R"sql(
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    content, content = 'messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
END;
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
)sql";

constexpr const char* kStep3 = R"sql(
CREATE TABLE models (
    id                    INTEGER PRIMARY KEY,
    path                  TEXT    NOT NULL UNIQUE,
    repo                  TEXT    NOT NULL DEFAULT '',
    file                  TEXT    NOT NULL DEFAULT '',
    architecture          TEXT    NOT NULL DEFAULT '',
    quant                 TEXT    NOT NULL DEFAULT '',
    size_bytes            INTEGER NOT NULL DEFAULT 0,
    sha256                TEXT    NOT NULL DEFAULT '',
    vram_predicted_bytes  INTEGER,
    vram_measured_bytes   INTEGER,
    tokens_per_s          REAL,     -- measured generation speed
    prompt_tokens_per_s   REAL,     -- measured prompt processing speed
    kl_divergence         REAL,     -- mean KL divergence against the reference
    top1_agreement        REAL,     -- fraction of positions whose argmax matches the reference
    added_at              INTEGER NOT NULL
);
)sql";

// What a generated reply leaves besides its text: the thinking streamed before the answer
// (Qwen3's <think>), the per-token data of the confidence view (storage/token_blob.h), and
// the reply's statistics and sampler settings as sampling/reply_record.h writes them.
constexpr const char* kStep4 = R"sql(
ALTER TABLE messages ADD COLUMN thinking   TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN token_data BLOB;
ALTER TABLE messages ADD COLUMN stats_json TEXT NOT NULL DEFAULT '';
)sql";

// Accuracy measurements of a model (hearth-cli eval): one row per run, with the text, context and
// reference they were measured on, so the app can show what a size level cost on this model.
constexpr const char* kStep5 = R"sql(
CREATE TABLE model_accuracy (
    id              INTEGER PRIMARY KEY,
    model_id        INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    reference       TEXT    NOT NULL,   -- the model compared against (file name)
    text            TEXT    NOT NULL,   -- the evaluation text (file name)
    n_ctx           INTEGER NOT NULL,
    tokens          INTEGER NOT NULL,   -- positions scored
    perplexity      REAL    NOT NULL,
    perplexity_se   REAL    NOT NULL,
    kld_mean        REAL    NOT NULL,
    kld_mean_se     REAL    NOT NULL,
    kld_p99         REAL    NOT NULL,
    kld_p99_se      REAL    NOT NULL,
    top1            REAL    NOT NULL,
    top1_se         REAL    NOT NULL,
    delta_p         REAL    NOT NULL,
    delta_p_se      REAL    NOT NULL,
    measured_at     INTEGER NOT NULL
);
CREATE INDEX model_accuracy_model ON model_accuracy (model_id, measured_at);
)sql";

constexpr const char* kSteps[] = {kStep1, kStep2, kStep3, kStep4, kStep5};
constexpr int kLatest = static_cast<int>(sizeof(kSteps) / sizeof(kSteps[0]));

}  // namespace

int latest_schema_version() { return kLatest; }

Result<int> schema_version(Connection& c) {
    Stmt s(c, "PRAGMA user_version");
    auto r = s.step();
    if (!r) return r.error();
    return static_cast<int>(s.i64(0));
}

Status migrate(Connection& c, int target) {
    if (target < 0) target = kLatest;
    auto current = schema_version(c);
    if (!current) return current.error();
    if (*current > kLatest)
        return make_error("storage.too_new",
                          "The chat database was written by a newer version of Hearth (schema " +
                              std::to_string(*current) + ", this build knows up to " +
                              std::to_string(kLatest) + "). Update Hearth to open it.");
    for (int v = *current + 1; v <= target && v <= kLatest; ++v) {
        std::string sql = std::string("BEGIN IMMEDIATE;\n") + kSteps[v - 1] +
                          "\nPRAGMA user_version = " + std::to_string(v) + ";\nCOMMIT;";
        if (auto st = exec(c, sql); !st) {
            (void)exec(c, "ROLLBACK");
            return make_error("storage.migrate", "Could not upgrade the chat database to schema version " +
                                                     std::to_string(v) + ": " + st.error().message +
                                                     " Your chats are unchanged.");
        }
    }
    return {};
}

}  // namespace hearth::storage
