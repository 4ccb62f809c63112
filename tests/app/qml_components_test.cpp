// Runs the Qt Quick Test cases in tests/app/qml against the app's own QML module (Hearth),
// linked in statically as the app links it.
#include <QQmlContext>
#include <QQmlEngine>
#include <QQmlPropertyMap>
#include <QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(HearthPlugin)

class Setup : public QObject {
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/"));
        // The components read a little of the app (App.chat.busy); the tests give them an idle one.
        chat_.insert(QStringLiteral("busy"), false);
        app_.insert(QStringLiteral("chat"), QVariant::fromValue<QObject*>(&chat_));
        engine->rootContext()->setContextProperty(QStringLiteral("App"), &app_);
    }

private:
    QQmlPropertyMap app_, chat_;
};

QUICK_TEST_MAIN_WITH_SETUP(qml_components, Setup)
#include "qml_components_test.moc"
