import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// An error of the chat as a whole (no model, a write that failed), with its fixing button.
Rectangle {
    id: banner
    property string text
    property string fix
    signal fixModels()
    signal fixSmaller()
    signal dismiss()

    visible: text.length > 0
    implicitHeight: visible ? row.implicitHeight + 16 : 0
    radius: Theme.radius
    color: Theme.errorBackground
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 8
        Label {
            Layout.fillWidth: true
            text: banner.text
            color: Theme.error
            wrapMode: Text.WordWrap
        }
        Button {
            visible: banner.fix === "models" || banner.fix === "smaller"
            text: banner.fix === "models" ? qsTr("Open Models") : qsTr("Open Settings")
            onClicked: banner.fix === "models" ? banner.fixModels() : banner.fixSmaller()
        }
        Button {
            text: qsTr("Dismiss")
            flat: true
            onClicked: banner.dismiss()
        }
    }
}
