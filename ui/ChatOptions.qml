import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// The open chat's own settings: its model, a system prompt, and how adventurous the answers are.
Rectangle {
    id: options
    signal close()
    color: Theme.sidebar
    // Its column's width, whatever its longest caption: the panel must never reach past the window.
    implicitWidth: 320

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: 12

            RowLayout {
                Layout.fillWidth: true
                Layout.margins: 16
                Layout.bottomMargin: 0
                Label { text: qsTr("Chat options"); font.bold: true; font.pixelSize: Theme.large; Layout.fillWidth: true }
                SmallButton { text: qsTr("Close"); onClicked: options.close() }
            }

            Label {
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Layout.fillWidth: true
                text: qsTr("Model for this chat: %1").arg(App.chat.modelPath.length > 0 ? App.chat.modelPath.split("/").pop() : qsTr("the one in use"))
                wrapMode: Text.WrapAnywhere
                color: Theme.textMuted
                font.pixelSize: Theme.small
            }

            Label { Layout.leftMargin: 16; Layout.rightMargin: 16; Layout.fillWidth: true; wrapMode: Text.WordWrap; text: qsTr("Instructions for the model (system prompt)"); font.bold: true }
            TextArea {
                id: system
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Layout.fillWidth: true
                Layout.preferredHeight: 110
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("For example: Answer briefly, in simple words.")
                text: App.chat.systemPrompt
                onEditingFinished: App.chat.systemPrompt = text
                Accessible.name: qsTr("Instructions for the model")
            }

            Label { Layout.leftMargin: 16; Layout.rightMargin: 16; Layout.fillWidth: true; wrapMode: Text.WordWrap; text: qsTr("Style of answers"); font.bold: true }
            ColumnLayout {
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Layout.fillWidth: true
                spacing: 2
                Repeater {
                    model: [
                        { key: "precise", label: qsTr("Precise"), hint: qsTr("Sticks to the most likely words: facts, code, summaries.") },
                        { key: "balanced", label: qsTr("Balanced"), hint: qsTr("Good for everyday conversation.") },
                        { key: "creative", label: qsTr("Creative"), hint: qsTr("More surprising words: stories and ideas.") }
                    ]
                    delegate: RadioButton {
                        required property var modelData
                        Layout.fillWidth: true
                        checked: App.chat.preset === modelData.key
                        text: modelData.label
                        onClicked: App.chat.preset = modelData.key
                        ToolTip.visible: hovered
                        ToolTip.text: modelData.hint
                        Accessible.description: modelData.hint
                    }
                }
                Label {
                    visible: App.chat.preset === "custom"
                    text: qsTr("Custom settings (see Advanced)")
                    color: Theme.textMuted
                    font.pixelSize: Theme.small
                }
            }

            Button {
                id: advancedToggle
                Layout.leftMargin: 8
                flat: true
                checkable: true
                text: (checked ? "▾ " : "▸ ") + qsTr("Advanced")
            }
            // Captions wrap and the number boxes keep 150 pixels: a caption and its box fit the
            // panel's 320 in every language.
            GridLayout {
                visible: advancedToggle.checked
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Layout.fillWidth: true
                columns: 2
                columnSpacing: 12

                Label { text: qsTr("Temperature"); Layout.fillWidth: true; wrapMode: Text.WordWrap }
                SpinBox {
                    Layout.preferredWidth: 150
                    from: 0; to: 200; stepSize: 5; editable: true
                    value: Math.round(App.chat.temperature * 100)
                    textFromValue: (v, loc) => Number(v / 100).toLocaleString(loc, 'f', 2)
                    valueFromText: (t, loc) => Math.round(Number.fromLocaleString(loc, t) * 100)
                    onValueModified: App.chat.temperature = value / 100
                    Accessible.name: qsTr("Temperature")
                }
                Label { text: qsTr("Top-k"); Layout.fillWidth: true; wrapMode: Text.WordWrap }
                SpinBox {
                    Layout.preferredWidth: 150
                    from: 0; to: 500; editable: true
                    value: App.chat.topK
                    onValueModified: App.chat.topK = value
                    Accessible.name: qsTr("Top-k")
                }
                Label { text: qsTr("Top-p"); Layout.fillWidth: true; wrapMode: Text.WordWrap }
                SpinBox {
                    Layout.preferredWidth: 150
                    from: 0; to: 100; editable: true
                    value: Math.round(App.chat.topP * 100)
                    textFromValue: (v, loc) => Number(v / 100).toLocaleString(loc, 'f', 2)
                    valueFromText: (t, loc) => Math.round(Number.fromLocaleString(loc, t) * 100)
                    onValueModified: App.chat.topP = value / 100
                    Accessible.name: qsTr("Top-p")
                }
                Label { text: qsTr("Min-p"); Layout.fillWidth: true; wrapMode: Text.WordWrap }
                SpinBox {
                    Layout.preferredWidth: 150
                    from: 0; to: 100; editable: true
                    value: Math.round(App.chat.minP * 100)
                    textFromValue: (v, loc) => Number(v / 100).toLocaleString(loc, 'f', 2)
                    valueFromText: (t, loc) => Math.round(Number.fromLocaleString(loc, t) * 100)
                    onValueModified: App.chat.minP = value / 100
                    Accessible.name: qsTr("Min-p")
                }
                Label { text: qsTr("Repeat penalty"); Layout.fillWidth: true; wrapMode: Text.WordWrap }
                SpinBox {
                    Layout.preferredWidth: 150
                    from: 100; to: 200; stepSize: 5; editable: true
                    value: Math.round(App.chat.repeatPenalty * 100)
                    textFromValue: (v, loc) => Number(v / 100).toLocaleString(loc, 'f', 2)
                    valueFromText: (t, loc) => Math.round(Number.fromLocaleString(loc, t) * 100)
                    onValueModified: App.chat.repeatPenalty = value / 100
                    Accessible.name: qsTr("Repeat penalty")
                }
                Label { text: qsTr("Seed"); Layout.fillWidth: true; wrapMode: Text.WordWrap }
                TextField {
                    Layout.fillWidth: true
                    text: App.chat.seed
                    placeholderText: qsTr("random")
                    validator: RegularExpressionValidator { regularExpression: /[0-9]*/ }
                    onEditingFinished: App.chat.seed = text
                    Accessible.name: qsTr("Seed")
                }
                Label { text: qsTr("Longest reply (tokens)"); Layout.fillWidth: true; wrapMode: Text.WordWrap }
                SpinBox {
                    Layout.preferredWidth: 150
                    from: 16; to: 8192; stepSize: 64; editable: true
                    value: App.chat.maxTokens
                    onValueModified: App.chat.maxTokens = value
                    Accessible.name: qsTr("Longest reply in tokens")
                }
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
