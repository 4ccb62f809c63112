// DeviceListModel: lists lavapipe off the UI thread, and explains a missing driver.
#include <QSignalSpy>
#include <QtTest>

#include "app/qt/device_list_model.h"

class DeviceListModelTest : public QObject {
    Q_OBJECT

private slots:
    void listsLavapipe() {
        DeviceListModel model;
        QVERIFY(model.loading());
        QTRY_VERIFY_WITH_TIMEOUT(!model.loading(), 30000);
        QVERIFY2(model.errorText().isEmpty(), qPrintable(model.errorText()));
        QVERIFY(model.rowCount() >= 1);
        bool found = false;
        for (int i = 0; i < model.rowCount(); ++i) {
            const auto idx = model.index(i);
            if (!model.data(idx, DeviceListModel::NameRole).toString().startsWith(QLatin1String("llvmpipe")))
                continue;
            found = true;
            QCOMPARE(model.data(idx, DeviceListModel::TypeRole).toString(), QStringLiteral("CPU"));
            QCOMPARE(model.data(idx, DeviceListModel::MaxStorageBufferRangeRole).toString(),
                     QStringLiteral("128 MiB"));
            QVERIFY(model.data(idx, DeviceListModel::SubgroupSizeRole).toInt() >= 4);
        }
        QVERIFY(found);
        QVERIFY(model.roleNames().values().contains("subgroupSize"));
    }

    void explainsMissingDriver() {
        qputenv("VK_ICD_FILENAMES", "/nonexistent/icd.json");
        qputenv("VK_DRIVER_FILES", "/nonexistent/icd.json");
        DeviceListModel model;
        QTRY_VERIFY_WITH_TIMEOUT(!model.loading(), 30000);
        qunsetenv("VK_ICD_FILENAMES");
        qunsetenv("VK_DRIVER_FILES");
        QCOMPARE(model.rowCount(), 0);
        QVERIFY2(model.errorText().contains(QLatin1String("No Vulkan driver")), qPrintable(model.errorText()));
    }
};

QTEST_GUILESS_MAIN(DeviceListModelTest)
#include "device_list_model_test.moc"
