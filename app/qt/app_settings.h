// The Settings screen's values, kept in the database's settings table: theme, language (switched
// at run time), font size, default context length, GPU, export and backup folders, and the
// offline switch. Language changes reload the translations and re-evaluate every qsTr() at
// once (QQmlEngine::retranslate), and flip the layout for right-to-left languages.
#pragma once

#include <QObject>
#include <QString>
#include <QTranslator>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <memory>

#include "app/qt/async_db.h"

class QQmlEngine;

class AppSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Made by the app")
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY changed)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QVariantList languages READ languages NOTIFY languageChanged)
    Q_PROPERTY(bool rightToLeft READ rightToLeft NOTIFY languageChanged)
    // The locale numbers are written in ("de_DE"): the window binds its controls' locale to it,
    // which QLocale::setDefault alone does not change for controls already made.
    Q_PROPERTY(QString localeName READ localeName NOTIFY languageChanged)
    Q_PROPERTY(double fontScale READ fontScale WRITE setFontScale NOTIFY changed)
    Q_PROPERTY(bool offline READ offline WRITE setOffline NOTIFY changed)
    Q_PROPERTY(int defaultContext READ defaultContext WRITE setDefaultContext NOTIFY changed)
    Q_PROPERTY(int deviceIndex READ deviceIndex WRITE setDeviceIndex NOTIFY changed)
    Q_PROPERTY(QString dataFolder READ dataFolder CONSTANT)
    Q_PROPERTY(QUrl exportFolder READ exportFolder WRITE setExportFolder NOTIFY changed)
    Q_PROPERTY(QString backupStatus READ backupStatus NOTIFY backupChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(QString lastModel READ lastModel NOTIFY changed)

public:
    AppSettings(QString dataFolder, QObject* parent = nullptr);

    void attach(hearth::storage::Database* db);
    void setEngine(QQmlEngine* engine) { engine_ = engine; }

    QString theme() const { return theme_; }
    void setTheme(const QString& t);
    QString language() const { return language_; }
    void setLanguage(const QString& code);  // "" = the system's
    QVariantList languages() const;
    bool rightToLeft() const;
    QString localeName() const { return localeName_; }
    double fontScale() const { return fontScale_; }
    void setFontScale(double s);
    bool offline() const { return offline_; }
    void setOffline(bool on);
    int defaultContext() const { return defaultContext_; }
    void setDefaultContext(int n);
    int deviceIndex() const { return deviceIndex_; }
    void setDeviceIndex(int i);
    QString dataFolder() const { return dataFolder_; }
    QUrl exportFolder() const { return exportFolder_; }
    void setExportFolder(const QUrl& u);
    QString backupStatus() const { return backupStatus_; }
    bool loaded() const { return loaded_; }
    QString lastModel() const { return lastModel_; }
    void setLastModel(const QString& path);

    // `path` as the screens show it ("~/…" under the home folder).
    Q_INVOKABLE QString shownPath(const QString& path) const;

    // A consistent copy of the chat database into `folder` while Hearth keeps running.
    Q_INVOKABLE void backupNow(const QUrl& folder);
    // Puts a backup in place of the database at the next start (the current file is kept aside).
    Q_INVOKABLE void restoreAtNextStart(const QUrl& file);

    // The file that, when present, is restored over the database before it opens.
    static QString pendingRestorePath(const QString& dataFolder);

signals:
    void changed();
    void languageChanged();
    void backupChanged();

private:
    void store(const std::string& key, const std::string& value);
    void applyLanguage();

    AsyncDb db_;
    QQmlEngine* engine_ = nullptr;
    std::unique_ptr<QTranslator> translator_;
    QString theme_ = QStringLiteral("system");
    QString language_;
    QString localeName_;
    double fontScale_ = 1.0;
    bool offline_ = false;
    int defaultContext_ = 4096;
    int deviceIndex_ = -1;
    QString dataFolder_;
    QUrl exportFolder_;
    QString backupStatus_;
    bool loaded_ = false;
    QString lastModel_;
};
