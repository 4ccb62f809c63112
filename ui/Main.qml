import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

ApplicationWindow {
    id: window
    width: 900
    height: 640
    visible: true
    title: qsTr("Hearth")

    // Read by the --screenshot hook: the first screen has finished loading.
    property bool ready: !devices.loading

    DeviceListModel { id: devices }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 16

        Label {
            text: qsTr("Hearth")
            font.pixelSize: 28
            font.bold: true
        }
        Label {
            text: qsTr("Private AI chat on your own GPU. These are the graphics devices Hearth can use:")
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        BusyIndicator {
            running: devices.loading
            visible: devices.loading
        }
        Label {
            visible: devices.errorText.length > 0
            text: devices.errorText
            color: "#b00020"
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: devices
            spacing: 12
            clip: true
            delegate: DeviceCard {
                width: ListView.view.width
            }
        }
    }
}
