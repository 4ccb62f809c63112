import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Shown instead of cutting silently: the chat no longer fits in the model's memory, and the
// user picks what happens.
Rectangle {
    visible: App.chat.contextChoicePending
    implicitHeight: visible ? choice.implicitHeight + 24 : 0
    radius: Theme.radius
    color: Theme.surfaceAlt
    border.color: Theme.warn
    Accessible.role: Accessible.AlertMessage
    Accessible.name: title.text

    ColumnLayout {
        id: choice
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8
        Label {
            id: title
            Layout.fillWidth: true
            text: qsTr("This chat is now longer than the model can keep in mind.")
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("To answer, the model would have to forget the %n oldest message(s). Nothing is deleted from your history either way.", "", App.chat.contextChoiceDrop)
            wrapMode: Text.WordWrap
            color: Theme.textMuted
        }
        RowLayout {
            Button { text: qsTr("Forget the oldest and answer"); highlighted: true; onClicked: App.chat.resolveContext("drop") }
            Button { text: qsTr("Continue in a new chat"); onClicked: App.chat.resolveContext("newchat") }
            Button { text: qsTr("Cancel"); flat: true; onClicked: App.chat.resolveContext("cancel") }
        }
    }
}
