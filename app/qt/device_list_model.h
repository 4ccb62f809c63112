// The Vulkan devices, for QML. Enumeration runs off the UI thread; QML shows `loading`,
// then either the rows or `errorText` (for example, no Vulkan driver installed).
#pragma once

#include <QAbstractListModel>
#include <QFutureWatcher>
#include <QtQml/qqmlregistration.h>
#include <vector>

#include "base/result.h"
#include "inference/vulkan/device_info.h"

class DeviceListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        TypeRole,
        DriverRole,
        VramRole,
        SubgroupSizeRole,
        Fp16Role,
        Int8Role,
        MaxStorageBufferRangeRole,
        CooperativeMatrixRole,
        IntegerDotProductRole,
    };

    explicit DeviceListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool loading() const { return m_loading; }
    QString errorText() const { return m_errorText; }

    Q_INVOKABLE void refresh();

signals:
    void loadingChanged();
    void errorTextChanged();
    void countChanged();

private:
    void onListed();

    using Listing = hearth::Result<std::vector<hearth::vk::DeviceInfo>>;
    std::vector<hearth::vk::DeviceInfo> m_devices;
    QFutureWatcher<Listing> m_watcher;
    bool m_loading = false;
    QString m_errorText;
};
