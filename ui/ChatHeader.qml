import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// The open chat's title, the context meter, and the button for its options.
Rectangle {
    id: header
    property bool optionsOpen
    signal toggleOptions()

    implicitHeight: 58
    color: Theme.window
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 24
        anchors.rightMargin: 16
        spacing: 16

        ColumnLayout {
            Layout.fillWidth: true
            Layout.minimumWidth: 120  // the chat's name stays readable beside the meter and the button
            spacing: 0
            Label {
                Layout.fillWidth: true
                text: App.chat.title.length > 0 ? App.chat.title : qsTr("New chat")
                font.pixelSize: Theme.large
                font.bold: true
                elide: Text.ElideRight
                Accessible.role: Accessible.Heading
            }
            Label {
                Layout.fillWidth: true
                text: App.chat.busy ? qsTr("Writing…") : App.indicators.modelLoaded
                      ? qsTr("Answered by %1 on this computer").arg(App.indicators.modelName) : qsTr("No model loaded")
                color: Theme.textMuted
                font.pixelSize: Theme.small
                elide: Text.ElideRight
            }
        }

        // How full the model's memory of this chat is.
        ColumnLayout {
            visible: App.chat.contextSize > 0
            spacing: 3
            Accessible.role: Accessible.ProgressBar
            Accessible.name: meterLabel.text
            Label {
                id: meterLabel
                readonly property int percent: Math.round(100 * App.chat.contextUsed / Math.max(1, App.chat.contextSize))
                text: qsTr("Chat memory %1 % full").arg(percent)
                font.pixelSize: Theme.small
                color: percent > 85 ? Theme.warn : Theme.textMuted
            }
            Rectangle {
                Layout.preferredWidth: 150
                height: 5
                radius: 3
                color: Theme.border
                Rectangle {
                    width: parent.width * Math.min(1, App.chat.contextUsed / Math.max(1, App.chat.contextSize))
                    height: parent.height
                    radius: 3
                    color: meterLabel.percent > 85 ? Theme.warn : Theme.accent
                }
            }
            HoverHandler { id: meterHover }
            ToolTip.visible: meterHover.hovered
            ToolTip.text: qsTr("%1 of %2 tokens the model can keep in mind. When it is full you choose what to forget.")
                          .arg(Number(App.chat.contextUsed).toLocaleString(Qt.locale(App.settings.localeName), 'f', 0))
                          .arg(Number(App.chat.contextSize).toLocaleString(Qt.locale(App.settings.localeName), 'f', 0))
        }

        Button {
            id: optionsButton
            text: header.optionsOpen ? qsTr("Hide options") : qsTr("Chat options")
            flat: true
            checkable: true
            checked: header.optionsOpen
            onClicked: header.toggleOptions()
            Accessible.name: text
            FocusRing { target: optionsButton }
        }
    }
}
