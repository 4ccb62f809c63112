import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Hearth

// The left rail: the app's name, the three screens, and which model is in use.
Rectangle {
    id: bar
    property string page
    signal navigate(string target)

    implicitWidth: 196
    color: Theme.sidebar

    Rectangle { anchors.right: parent.right; width: 1; height: parent.height; color: Theme.border }

    Accessible.role: Accessible.PageTabList
    Accessible.name: qsTr("Screens")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            Layout.bottomMargin: 16
            Layout.topMargin: 6
            spacing: 10
            Rectangle {
                width: 30
                height: 30
                radius: 15
                color: Theme.accent
                Label {
                    anchors.centerIn: parent
                    text: "H"
                    color: "white"
                    font.bold: true
                    font.pixelSize: Theme.large
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                Label {
                    text: qsTr("Hearth")
                    font.pixelSize: Theme.large
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap  // "Private AI chat" runs long in Japanese and German
                    text: qsTr("Private AI chat")
                    color: Theme.textMuted
                    font.pixelSize: Theme.small
                }
            }
        }

        Repeater {
            model: [
                { key: "chats", label: qsTr("Chats"), hint: qsTr("Ctrl+1") },
                { key: "models", label: qsTr("Models"), hint: qsTr("Ctrl+2") },
                { key: "settings", label: qsTr("Settings"), hint: qsTr("Ctrl+3") }
            ]
            delegate: ItemDelegate {
                id: navItem
                required property var modelData
                Layout.fillWidth: true
                text: modelData.label
                highlighted: bar.page === modelData.key
                font.bold: highlighted
                font.pixelSize: Theme.base
                onClicked: bar.navigate(modelData.key)
                Accessible.role: Accessible.PageTab
                Accessible.name: modelData.label
                ToolTip.visible: hovered
                ToolTip.delay: 800
                ToolTip.text: modelData.hint
                background: Rectangle {
                    radius: Theme.radius
                    color: navItem.highlighted ? Theme.surface : (navItem.hovered ? Theme.surfaceAlt : "transparent")
                    border.color: navItem.highlighted ? Theme.border : "transparent"
                    Rectangle {
                        visible: navItem.highlighted
                        width: 4
                        height: parent.height - 16
                        radius: 2
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.left: parent.left
                        anchors.leftMargin: 2
                        color: Theme.accent
                    }
                    FocusRing { target: navItem }
                }
            }
        }

        Item { Layout.fillHeight: true }

        // The model in use, as a reminder of what answers.
        Label {
            text: qsTr("Model in use")
            color: Theme.textMuted
            font.pixelSize: Theme.small
        }
        Label {
            Layout.fillWidth: true
            text: App.models.loadingPath.length > 0 ? qsTr("Loading… %1 %").arg(Math.round(App.models.loadProgress * 100))
                : App.models.loadedName.length > 0 ? App.models.loadedName : qsTr("None yet")
            elide: Text.ElideRight
            font.pixelSize: Theme.small
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Nothing you type leaves this computer.")
            color: Theme.textMuted
            font.pixelSize: Theme.small
            wrapMode: Text.WordWrap
            Layout.topMargin: 8
        }
    }
}
