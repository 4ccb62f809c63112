#include "app/qt/device_list_model.h"

#include <QtConcurrent/QtConcurrentRun>

#include "app/qt/number_words.h"

DeviceListModel::DeviceListModel(QObject* parent) : QAbstractListModel(parent) {
    connect(&m_watcher, &QFutureWatcher<Listing>::finished, this, &DeviceListModel::onListed);
    refresh();
}

void DeviceListModel::refresh() {
    if (m_loading) return;
    m_loading = true;
    emit loadingChanged();
    m_watcher.setFuture(QtConcurrent::run([] { return hearth::vk::list_devices(); }));
}

void DeviceListModel::onListed() {
    Listing result = m_watcher.result();
    beginResetModel();
    if (result) {
        m_devices = std::move(result.value());
        m_errorText.clear();
    } else {
        m_devices.clear();
        m_errorText = QString::fromStdString(result.error().message);
    }
    endResetModel();
    m_loading = false;
    emit countChanged();
    emit errorTextChanged();
    emit loadingChanged();
}

int DeviceListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_devices.size());
}

static QString gib(uint64_t bytes) {
    return QStringLiteral("%1 GiB").arg(decimal_words(static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0), 1));
}

QVariant DeviceListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& d = m_devices[static_cast<size_t>(index.row())];
    switch (role) {
    case NameRole: return QString::fromStdString(d.name);
    case TypeRole: return QString::fromUtf8(hearth::vk::to_string(d.type));
    case DriverRole: return QString::fromStdString(d.driver_name + " " + d.driver_info);
    case VramRole: return gib(hearth::vk::device_local_bytes(d));
    case SubgroupSizeRole: return d.subgroup_size;
    case Fp16Role: return d.fp16;
    case Int8Role: return d.int8;
    case MaxStorageBufferRangeRole:
        return QStringLiteral("%1 MiB").arg(integer_words(d.max_storage_buffer_range / (1024 * 1024)));
    case CooperativeMatrixRole: return d.cooperative_matrix;
    case IntegerDotProductRole:
        return d.integer_dot_product ? (d.integer_dot_accelerated ? tr("accelerated") : tr("emulated"))
                                     : tr("no");
    default: return {};
    }
}

QHash<int, QByteArray> DeviceListModel::roleNames() const {
    return {{NameRole, "name"},
            {TypeRole, "type"},
            {DriverRole, "driver"},
            {VramRole, "vram"},
            {SubgroupSizeRole, "subgroupSize"},
            {Fp16Role, "fp16"},
            {Int8Role, "int8"},
            {MaxStorageBufferRangeRole, "maxStorageBufferRange"},
            {CooperativeMatrixRole, "cooperativeMatrix"},
            {IntegerDotProductRole, "integerDotProduct"}};
}
