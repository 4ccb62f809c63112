#include "app/qt/app_settings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QGuiApplication>
#include <QLocale>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>
#include <QFile>
#include <QVariantMap>
#include <filesystem>

#include "app/qt/shown_path.h"
#include "storage/backup.h"
#include "storage/settings.h"

using namespace hearth;

AppSettings::AppSettings(QString dataFolder, QObject* parent)
    : QObject(parent), db_(this), localeName_(QLocale().name()), dataFolder_(std::move(dataFolder)) {
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    exportFolder_ = QUrl::fromLocalFile(docs.isEmpty() ? QDir::homePath() : docs);
}

void AppSettings::attach(storage::Database* db) {
    db_.attach(db);
    using Pairs = std::vector<std::pair<std::string, std::string>>;
    db_.read<Pairs>([](storage::Connection& c) { return storage::list_settings(c); },
                    [this](Result<Pairs> r) {
                        if (r) {
                            for (const auto& [k, v] : *r) {
                                const QString value = QString::fromStdString(v);
                                if (k == "ui.theme") theme_ = value;
                                else if (k == "ui.language" && language_.isEmpty()) language_ = value;
                                else if (k == "ui.font_scale") fontScale_ = value.toDouble() > 0 ? value.toDouble() : 1.0;
                                else if (k == "net.offline") offline_ = value == QLatin1String("1");
                                else if (k == "engine.context") defaultContext_ = value.toInt() > 0 ? value.toInt() : 4096;
                                else if (k == "engine.device") deviceIndex_ = value.toInt();
                                else if (k == "export.folder") exportFolder_ = QUrl(value);
                                else if (k == "engine.last_model") lastModel_ = value;
                            }
                        }
                        loaded_ = true;
                        applyLanguage();
                        emit changed();
                    });
}

void AppSettings::store(const std::string& key, const std::string& value) {
    db_.write<bool>([key, value](storage::Connection& c) { return as_bool(storage::set_setting(c, key, value)); });
}

void AppSettings::setTheme(const QString& t) {
    if (t == theme_) return;
    theme_ = t;
    store("ui.theme", t.toStdString());
    emit changed();
}

void AppSettings::setLanguage(const QString& code) {
    if (code == language_) return;
    language_ = code;
    store("ui.language", code.toStdString());
    applyLanguage();
}

QVariantList AppSettings::languages() const {
    // Each language in its own name, so a user who cannot read the current one still finds theirs.
    const std::pair<const char*, const char*> list[] = {
        {"", ""}, {"en", "English"},  {"de", "Deutsch"},   {"fr", "Français"},
        {"es", "Español"},              {"ja", "日本語"},     {"zh_CN", "简体中文"}, {"zh_TW", "繁體中文"},
    };
    QVariantList out;
    for (const auto& [code, name] : list)
        out.append(QVariantMap{{QStringLiteral("code"), QString::fromUtf8(code)},
                               {QStringLiteral("name"), *code ? QString::fromUtf8(name) : tr("Same as the system")}});
    return out;
}

bool AppSettings::rightToLeft() const { return QGuiApplication::layoutDirection() == Qt::RightToLeft; }

void AppSettings::applyLanguage() {
    const QLocale locale = language_.isEmpty() ? QLocale::system() : QLocale(language_);
    if (translator_) QCoreApplication::removeTranslator(translator_.get());
    translator_ = std::make_unique<QTranslator>();
    if (translator_->load(locale, QStringLiteral("hearth"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator_.get());
    QGuiApplication::setLayoutDirection(locale.textDirection());
    QLocale::setDefault(locale);
    localeName_ = locale.name();
    if (engine_) engine_->retranslate();
    emit languageChanged();
}

void AppSettings::setLastModel(const QString& path) {
    if (path == lastModel_) return;
    lastModel_ = path;
    store("engine.last_model", path.toStdString());
    emit changed();
}

void AppSettings::setFontScale(double s) {
    s = std::clamp(s, 0.8, 1.6);
    if (qFuzzyCompare(s, fontScale_)) return;
    fontScale_ = s;
    store("ui.font_scale", QString::number(s).toStdString());
    emit changed();
}

void AppSettings::setOffline(bool on) {
    if (on == offline_) return;
    offline_ = on;
    store("net.offline", on ? "1" : "0");
    emit changed();
}

void AppSettings::setDefaultContext(int n) {
    n = std::clamp(n, 256, 131072);
    if (n == defaultContext_) return;
    defaultContext_ = n;
    store("engine.context", std::to_string(n));
    emit changed();
}

void AppSettings::setDeviceIndex(int i) {
    if (i == deviceIndex_) return;
    deviceIndex_ = i;
    store("engine.device", std::to_string(i));
    emit changed();
}

void AppSettings::setExportFolder(const QUrl& u) {
    if (u == exportFolder_) return;
    exportFolder_ = u;
    store("export.folder", u.toString().toStdString());
    emit changed();
}

void AppSettings::backupNow(const QUrl& folder) {
    if (!db_.ready()) return;
    const QString dir = folder.isLocalFile() ? folder.toLocalFile() : folder.toString();
    const QString name = QStringLiteral("hearth-backup-%1.sqlite3").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const std::filesystem::path dest = std::filesystem::path(dir.toStdString()) / name.toStdString();
    backupStatus_ = tr("Making a backup…");
    emit backupChanged();
    storage::Database* db = db_.get();
    auto done = db_.gate().bind<QString>([this](QString status) {
        backupStatus_ = status;
        emit backupChanged();
    });
    (void)QtConcurrent::run([db, dest, done]() mutable {
        const Status r = storage::backup_database(*db, dest);
        done(r ? tr("Backup saved to %1").arg(QString::fromStdString(dest.string()))
               : tr("The backup failed: %1").arg(QString::fromStdString(r.error().message)));
    });
}

QString AppSettings::shownPath(const QString& path) const { return shown_path(path); }

QString AppSettings::pendingRestorePath(const QString& dataFolder) {
    return QDir(dataFolder).filePath(QStringLiteral("restore-pending.sqlite3"));
}

void AppSettings::restoreAtNextStart(const QUrl& file) {
    const QString from = file.isLocalFile() ? file.toLocalFile() : file.toString();
    const QString to = pendingRestorePath(dataFolder_);
    auto done = db_.gate().bind<QString>([this](QString status) {
        backupStatus_ = status;
        emit backupChanged();
    });
    // A backup may be hundreds of MB: copied off the UI thread.
    (void)QtConcurrent::run([from, to, done]() mutable {
        QFile::remove(to);
        done(QFile::copy(from, to)
                 ? tr("The backup will be restored when Hearth starts again. Your current chats are kept aside, not deleted.")
                 : tr("Could not read %1.").arg(from));
    });
}
