// What the app's Qt tests share: a fresh data folder per test, the real services and view-models
// over it (HearthApp, as main.cpp builds them), and the demo model from the shared test data.
#pragma once

#include <QSignalSpy>
#include <QString>
#include <QtTest>
#include <filesystem>
#include <memory>

#include "app/qt/app_services.h"
#include "inference/engine/chat_session.h"
#include "inference/engine/open_model.h"
#include "inference/vulkan/vulkan_backend.h"
#include "app/qt/hearth_app.h"
#include "tests/support/testdata.h"

namespace hearth::test {

// stories260K.gguf from the shared test data; empty when absent.
inline QString stories_model() {
    const auto dir = testdata_dir();
    if (dir.empty() || !std::filesystem::exists(dir / "models/stories260K.gguf")) return {};
    return QString::fromStdString((dir / "models/stories260K.gguf").string());
}

// What the engine itself answers to one user message on a fresh Vulkan backend, run the way the
// app runs it (a ChatSession, stoppable): the oracle for the app's streamed replies.
inline std::string engine_reply(const QString& model, const std::string& prompt, const sampling::SamplerParams& sp,
                                int max_tokens, int n_ctx) {
    auto m = engine::open_model(model.toStdString());
    if (!m) return "open failed: " + m.error().message;
    vk::VulkanOptions o;
    // <= 0: as the app picks it, the model's training context up to 4096.
    o.n_ctx = n_ctx > 0 ? n_ctx : std::min<int32_t>((*m)->model.hp.n_ctx_train, 4096);
    auto b = vk::make_vulkan_backend((*m)->model, o);
    if (!b) return "backend failed: " + b.error().message;
    engine::ChatSession chat(**m);
    (void)chat.add_user(prompt);
    const std::atomic<bool> never{false};
    engine::ReplyParams rp;
    rp.max_tokens = max_tokens;
    rp.sampler = sp;
    rp.cancel = &never;  // as the app runs it: stoppable, so prefilled in the same chunks
    auto r = chat.reply(**b, rp);
    return r ? r->content : "reply failed: " + r.error().message;
}

// The app's services and view-models over a fresh data folder, with the database open.
struct AppUnderTest {
    std::filesystem::path dir;
    std::unique_ptr<AppServices> services;
    std::unique_ptr<HearthApp> app;

    explicit AppUnderTest(const std::string& name) : dir(scratch_dir(name)) { start(); }
    ~AppUnderTest() { stop(); }

    void start() {
        services = std::make_unique<AppServices>(dir);
        app = std::make_unique<HearthApp>(services.get());
        services->start();
    }
    void stop() {
        app.reset();
        services.reset();
    }
    // Stops everything and starts again over the same folder, as a user quitting and reopening.
    void restart() {
        stop();
        start();
    }
    bool waitReady(int ms = 30000) const {
        return QTest::qWaitFor([&] { return app->ready() && app->models()->scanned() && app->settings()->loaded(); }, ms);
    }
    // Loads a model file; true when it loaded.
    bool load(const QString& path, int ms = 120000) const {
        app->models()->addFile(QUrl::fromLocalFile(path));
        return QTest::qWaitFor([&] { return app->models()->loadedPath() == path || !app->models()->errorText().isEmpty(); }, ms) &&
               app->models()->loadedPath() == path;
    }
    // Runs f (which starts a reply) and waits for the reply to end; returns its stop reason.
    template <class F>
    QString reply(F&& f, int ms = 120000) const {
        QSignalSpy done(app->chat(), &ChatController::replyDone);
        f();
        if (!QTest::qWaitFor([&] { return done.count() > 0; }, ms)) return QStringLiteral("timeout");
        if (!QTest::qWaitFor([&] { return !app->chat()->busy() && !app->chat()->loadingMessages(); }, ms))
            return QStringLiteral("still busy");
        return done.first().first().toString();
    }
};

}  // namespace hearth::test
