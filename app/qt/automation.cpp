#include "app/qt/automation.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>
#include <QQuickWindow>
#include <QUrl>
#include <cstdio>

#include "app/qt/hearth_app.h"
#include "app/qt/ui_inspect.h"

ScriptRunner::ScriptRunner(QQuickWindow* window, HearthApp* app, QStringList lines, QObject* parent)
    : QObject(parent), window_(window), app_(app), lines_(std::move(lines)) {
    connect(app_->chat(), &ChatController::replyDone, this, [this] { ++repliesDone_; });
    connect(&timer_, &QTimer::timeout, this, &ScriptRunner::step);
}

QStringList ScriptRunner::readScript(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read the script %1").arg(path);
        return {};
    }
    QStringList out;
    for (const QString& line : QString::fromUtf8(f.readAll()).split(u'\n')) {
        const QString t = line.trimmed();
        if (!t.isEmpty() && !t.startsWith(u'#')) out << t;
    }
    return out;
}

void ScriptRunner::start() { timer_.start(20); }

void ScriptRunner::fail(const QString& why) {
    timer_.stop();
    std::fprintf(stderr, "script: %s: %s\n", qPrintable(current_), qPrintable(why));
    QCoreApplication::exit(3);
}

void ScriptRunner::step() {
    if (waitFor_) {
        if (!waitFor_()) {
            if (waited_.elapsed() > timeoutMs_) fail(QStringLiteral("timed out"));
            return;
        }
        waitFor_ = nullptr;
    }
    if (next_ >= lines_.size()) {
        timer_.stop();
        QCoreApplication::exit(0);
        return;
    }
    current_ = lines_[next_++];
    std::fprintf(stdout, "script: %s\n", qPrintable(current_));
    std::fflush(stdout);
    waited_.start();
    if (!begin(current_) && timer_.isActive()) fail(QStringLiteral("unknown or malformed command"));
}

void ScriptRunner::pointer(QEvent::Type type, QPointF at) {
    const bool down = type == QEvent::MouseButtonPress;
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent e(type, at, window_->mapToGlobal(at), button, down ? Qt::LeftButton : Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window_, &e);
}

namespace {

int rowArg(const QString& word, int count) {
    const int r = word.toInt();
    return r < 0 ? count + r : r;
}

}  // namespace

bool ScriptRunner::begin(const QString& line) {
    const QString cmd = line.section(u' ', 0, 0);
    const QString rest = line.section(u' ', 1);
    const QStringList words = rest.split(u' ', Qt::SkipEmptyParts);
    ChatController* chat = app_->chat();
    ModelLibrary* models = app_->models();
    auto idle = [chat] { return !chat->busy() && !chat->loadingMessages(); };

    if (cmd == QLatin1String("wait-ready")) {
        // The window's own "ready" too: its screens are made after the first frame.
        waitFor_ = [this, models] {
            return app_->ready() && models->scanned() && app_->settings()->loaded() && window_->property("ready").toBool();
        };
    } else if (cmd == QLatin1String("add-model") && !rest.isEmpty()) {
        // An earlier model's error must not count as this one's outcome.
        models->dismissError();
        models->addFile(QUrl::fromLocalFile(rest));
        waitFor_ = [models, rest] {
            return (models->loadedPath() == rest && models->loadingPath().isEmpty()) || !models->errorText().isEmpty();
        };
    } else if (cmd == QLatin1String("expect-model-error") && !rest.isEmpty()) {
        timeoutMs_ = 60000;
        waitFor_ = [models, rest] { return models->errorText().contains(rest, Qt::CaseInsensitive); };
    } else if (cmd == QLatin1String("expect-loaded")) {
        if (models->loadedPath().isEmpty()) {
            fail(QStringLiteral("no model is loaded; error: ") + models->errorText());
            return true;
        }
    } else if (cmd == QLatin1String("new-chat")) {
        chat->newChat();
    } else if (cmd == QLatin1String("open-latest")) {
        waitFor_ = [this, chat, idle] {
            if (app_->chats()->rowCount() == 0 || app_->chats()->loading()) return false;
            const qint64 id = app_->chats()->data(app_->chats()->index(0), ConversationListModel::IdRole).toLongLong();
            if (chat->conversationId() != id) chat->open(id);
            return chat->conversationId() == id && idle() && chat->messages()->count() > 0;
        };
    } else if (cmd == QLatin1String("sampling")) {
        for (const QString& kv : words) {
            const QString k = kv.section(u'=', 0, 0), v = kv.section(u'=', 1);
            if (k == QLatin1String("temperature")) chat->setTemperature(v.toDouble());
            else if (k == QLatin1String("top_k")) chat->setTopK(v.toInt());
            else if (k == QLatin1String("top_p")) chat->setTopP(v.toDouble());
            else if (k == QLatin1String("min_p")) chat->setMinP(v.toDouble());
            else if (k == QLatin1String("repeat")) chat->setRepeatPenalty(v.toDouble());
            else if (k == QLatin1String("seed")) chat->setSeed(v);
            else if (k == QLatin1String("max")) chat->setMaxTokens(v.toInt());
            else if (k == QLatin1String("preset")) chat->setPreset(v);
            else return false;
        }
    } else if (cmd == QLatin1String("send") && !rest.isEmpty()) {
        const int before = repliesDone_;
        chat->send(rest);
        waitFor_ = [this, before, idle] { return repliesDone_ > before && idle(); };
    } else if (cmd == QLatin1String("send-stop") && words.size() >= 2) {
        const int after = words[0].toInt();
        const int before = repliesDone_;
        chat->send(rest.section(u' ', 1));
        waitFor_ = [this, before, after, chat, idle] {
            const int last = chat->messages()->count() - 1;
            const auto* row = chat->messages()->row(last);
            if (chat->busy() && row && row->streaming && static_cast<int>(row->spans.size()) >= after) chat->stop();
            return repliesDone_ > before && idle();
        };
    } else if (cmd == QLatin1String("regenerate") && words.size() == 1) {
        const int before = repliesDone_;
        chat->regenerate(rowArg(words[0], chat->messages()->count()));
        waitFor_ = [this, before, idle] { return repliesDone_ > before && idle(); };
    } else if (cmd == QLatin1String("edit") && words.size() >= 2) {
        const int before = repliesDone_;
        chat->editAndResend(rowArg(words[0], chat->messages()->count()), rest.section(u' ', 1));
        waitFor_ = [this, before, idle] { return repliesDone_ > before && idle(); };
    } else if (cmd == QLatin1String("branch") && words.size() == 2) {
        const qint64 conv = chat->conversationId();
        const int row = rowArg(words[0], chat->messages()->count());
        const auto* r = chat->messages()->row(row);
        const int want = r ? r->msg.sibling_index + words[1].toInt() : 0;
        chat->switchBranch(row, words[1].toInt());
        waitFor_ = [chat, conv, row, want, idle] {
            const auto* now = chat->messages()->row(row);
            return idle() && chat->conversationId() == conv && now && now->msg.sibling_index == want;
        };
    } else if (cmd == QLatin1String("wait-idle")) {
        waitFor_ = idle;
    } else if (cmd == QLatin1String("dump") && !rest.isEmpty()) {
        QJsonArray msgs;
        for (int i = 0; i < chat->messages()->count(); ++i) {
            const auto* r = chat->messages()->row(i);
            msgs.append(QJsonObject{{QStringLiteral("role"), QString::fromStdString(r->msg.role)},
                                    {QStringLiteral("content"), r->content},
                                    {QStringLiteral("siblingIndex"), r->msg.sibling_index},
                                    {QStringLiteral("siblingCount"), r->msg.sibling_count},
                                    {QStringLiteral("stopReason"), QString::fromStdString(r->msg.stop_reason)},
                                    {QStringLiteral("tokens"), static_cast<qint64>(r->msg.token_count)},
                                    {QStringLiteral("error"), r->error}});
        }
        const QJsonObject o{{QStringLiteral("conversation"), chat->conversationId()},
                            {QStringLiteral("title"), chat->title()},
                            {QStringLiteral("messages"), msgs}};
        QFile f(rest);
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0) fail(QStringLiteral("cannot write"));
    } else if (cmd == QLatin1String("page") && words.size() == 1) {
        window_->setProperty("page", words[0]);
        // A screen is made the first time it is shown, between frames: wait until it is there.
        waitFor_ = [this] { return window_->property("pageReady").toBool(); };
    } else if (cmd == QLatin1String("theme") && words.size() == 1) {
        app_->settings()->setTheme(words[0]);
    } else if (cmd == QLatin1String("language") && words.size() == 1) {
        app_->settings()->setLanguage(words[0] == QLatin1String("system") ? QString() : words[0]);
    } else if (cmd == QLatin1String("sleep") && words.size() == 1) {
        const qint64 ms = words[0].toLongLong();
        waitFor_ = [this, ms] { return waited_.elapsed() >= ms; };
    } else if (cmd == QLatin1String("screenshot") && !rest.isEmpty()) {
        // Two frames later, so that what the previous command changed is drawn.
        waitFor_ = [this, rest, frames = 0]() mutable {
            if (++frames < 8) return false;
            const QImage image = window_->grabWindow();
            if (image.isNull() || !image.save(rest)) fail(QStringLiteral("cannot save ") + rest);
            return true;
        };
    } else if (cmd == QLatin1String("texts") && !rest.isEmpty()) {
        waitFor_ = [this, rest, frames = 0]() mutable {
            if (++frames < 8) return false;  // as screenshot: what the last command changed is laid out
            QJsonArray texts;
            for (const ShownText& t : shown_texts(window_->contentItem()))
                texts.append(QJsonObject{{QStringLiteral("text"), t.text}, {QStringLiteral("x"), t.drawn.x()},
                                         {QStringLiteral("y"), t.drawn.y()}, {QStringLiteral("width"), t.drawn.width()},
                                         {QStringLiteral("height"), t.drawn.height()},
                                         {QStringLiteral("inControl"), t.inControl}, {QStringLiteral("elided"), t.elided},
                                         {QStringLiteral("area"), t.area}});
            QFile f(rest);
            if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(texts).toJson()) < 0) fail(QStringLiteral("cannot write"));
            return true;
        };
    } else if ((cmd == QLatin1String("click") || cmd == QLatin1String("hover")) && !rest.isEmpty()) {
        // As a user would: the pointer on the text shown (the last of equal texts, the newest
        // message's button), then a click, or a rest there long enough for its tooltip.
        const bool click = cmd == QLatin1String("click");
        waitFor_ = [this, rest, click, frames = 0, at = QPointF(-1, -1)]() mutable {
            if (++frames < 8) return false;
            if (at.x() < 0) {
                for (const ShownText& t : shown_texts(window_->contentItem()))
                    if (t.text == rest) at = t.drawn.center();
                if (at.x() < 0) {
                    fail(QStringLiteral("no text “%1” on screen").arg(rest));
                    return false;
                }
                pointer(QEvent::MouseMove, at);
                if (click) {
                    pointer(QEvent::MouseButtonPress, at);
                    pointer(QEvent::MouseButtonRelease, at);
                }
                waited_.restart();
                return click;
            }
            return waited_.elapsed() >= 800;  // the tooltip's delay, and its fade
        };
    } else if (cmd == QLatin1String("check-layout")) {
        waitFor_ = [this, frames = 0]() mutable {
            if (++frames < 8) return false;
            const QStringList overlaps = text_overlaps(window_->contentItem());
            if (overlaps.isEmpty()) return true;
            fail(overlaps.join(QStringLiteral("; ")));
            return false;  // fail() stopped the script: nothing after this runs
        };
    } else if (cmd == QLatin1String("download-demo")) {
        models->downloadDemo();
        waitFor_ = [this, models] {
            if (!models->downloadError().isEmpty()) {
                fail(models->downloadError());
                return false;
            }
            return !models->downloading() && !models->loadedPath().isEmpty() && models->loadingPath().isEmpty();
        };
    } else if (cmd == QLatin1String("quit")) {
        timer_.stop();
        QCoreApplication::exit(0);
    } else {
        return false;
    }
    return true;
}
