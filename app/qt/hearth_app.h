// What QML sees of the app: one object (registered as the singleton `App` by main.cpp) holding
// the view-models, wired to each other and to the services here, in C++.
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "app/qt/app_settings.h"
#include "app/qt/chat_controller.h"
#include "app/qt/conversation_list_model.h"
#include "app/qt/device_list_model.h"
#include "app/qt/indicators.h"
#include "app/qt/model_library.h"

class AppServices;

class HearthApp : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Registered by main.cpp as the singleton App")
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    Q_PROPERTY(QString startupError READ startupError NOTIFY readyChanged)
    Q_PROPERTY(QString startupNote READ startupNote NOTIFY readyChanged)
    Q_PROPERTY(ConversationListModel* chats READ chats CONSTANT)
    Q_PROPERTY(ChatController* chat READ chat CONSTANT)
    Q_PROPERTY(ModelLibrary* models READ models CONSTANT)
    Q_PROPERTY(Indicators* indicators READ indicators CONSTANT)
    Q_PROPERTY(AppSettings* settings READ settings CONSTANT)
    Q_PROPERTY(DeviceListModel* devices READ devices CONSTANT)

public:
    explicit HearthApp(AppServices* services, QObject* parent = nullptr);

    bool ready() const { return ready_; }
    QString startupError() const { return startupError_; }
    QString startupNote() const { return startupNote_; }
    ConversationListModel* chats() { return &chats_; }
    ChatController* chat() { return &chat_; }
    ModelLibrary* models() { return &models_; }
    Indicators* indicators() { return &indicators_; }
    AppSettings* settings() { return &settings_; }
    DeviceListModel* devices() { return &devices_; }

signals:
    void readyChanged();

private:
    void onDatabaseReady();
    void maybeLoadLastModel();

    AppServices* services_;
    AppSettings settings_;
    ConversationListModel chats_;
    ModelLibrary models_;
    ChatController chat_;
    Indicators indicators_;
    DeviceListModel devices_;
    bool ready_ = false;
    bool triedLastModel_ = false;
    QString startupError_, startupNote_;
};
