#include "app/qt/hearth_app.h"

#include <QFileInfo>

#include "app/qt/app_services.h"

HearthApp::HearthApp(AppServices* services, QObject* parent)
    : QObject(parent),
      services_(services),
      settings_(QString::fromStdString(services->dataDir().string())),
      models_(services),
      chat_(services->worker()),
      indicators_(services->worker(), &models_) {
    connect(services_, &AppServices::databaseReady, this, &HearthApp::onDatabaseReady);
    connect(services_, &AppServices::databaseFailed, this, [this](const QString& message) {
        startupError_ = message;
        ready_ = true;
        emit readyChanged();
    });
    connect(&models_, &ModelLibrary::modelLoaded, this, [this](const LoadedModel& m) {
        chat_.setLoadedModel(m);
        settings_.setLastModel(m.path);
    });
    connect(&models_, &ModelLibrary::modelFailed, this, [this] { chat_.setModelMissing(); });
    connect(&chat_, &ChatController::conversationTouched, &chats_, [this] { chats_.reload(); });
    connect(&chat_, &ChatController::modelWanted, this, [this](const QString& path) {
        if (QFileInfo::exists(path) && path != models_.loadedPath()) models_.use(path);
    });
    auto applySettings = [this] {
        models_.setLoadOptions(settings_.defaultContext(), settings_.deviceIndex());
        models_.setOffline(settings_.offline());
        maybeLoadLastModel();
    };
    connect(&settings_, &AppSettings::changed, this, applySettings);
    connect(&models_, &ModelLibrary::countChanged, this, [this] { maybeLoadLastModel(); });
    // qsTr() bindings follow a language change by themselves; texts made in C++ are read again.
    connect(&settings_, &AppSettings::languageChanged, this, [this] {
        indicators_.retranslate();
        const auto refresh = [](QAbstractItemModel& m) {
            if (m.rowCount() > 0) emit m.dataChanged(m.index(0, 0), m.index(m.rowCount() - 1, 0));
        };
        refresh(models_);
        refresh(*chat_.messages());
        refresh(chats_);
    });
}

void HearthApp::onDatabaseReady() {
    auto* db = services_->database();
    settings_.attach(db);
    chats_.attach(db);
    chat_.attach(db);
    models_.attach(db);
    startupNote_ = services_->openMessage();
    ready_ = true;
    emit readyChanged();
}

// At start, the model used last time is loaded again (once settings and the list are in).
void HearthApp::maybeLoadLastModel() {
    if (triedLastModel_ || !settings_.loaded() || !models_.scanned()) return;
    triedLastModel_ = true;
    const QString last = settings_.lastModel();
    if (!last.isEmpty() && models_.record(last)) models_.use(last);
}
