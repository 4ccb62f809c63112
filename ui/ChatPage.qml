import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// The chat screen: the list of chats on the side, the open chat, its options panel.
Item {
    id: page
    signal openModels()
    signal openSettings()
    property bool optionsOpen: false

    function focusSearch() {
        if (!list.visible) optionsOpen = false  // the search is in the list, which the options hid
        list.focusSearch()
    }
    function focusComposer() { composer.focusInput() }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ConversationPanel {
            id: list
            // Out of the way while the options are open in a window too small for all three columns:
            // the chat keeps room for its name, its memory meter and its buttons in every language.
            visible: !page.optionsOpen || page.width >= 1200
            Layout.preferredWidth: 290
            Layout.fillHeight: true
        }
        Rectangle { Layout.fillHeight: true; width: 1; color: Theme.border; visible: list.visible }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            ChatHeader {
                Layout.fillWidth: true
                optionsOpen: page.optionsOpen
                onToggleOptions: page.optionsOpen = !page.optionsOpen
            }

            Welcome {
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: App.chat.messages.count === 0
                onOpenModels: page.openModels()
                onSuggest: (text) => composer.setText(text)
            }
            MessageView {
                id: messages
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: App.chat.messages.count > 0
                onOpenModels: page.openModels()
                onOpenSettings: page.openSettings()
            }

            ContextChoice {
                Layout.fillWidth: true
                Layout.leftMargin: 24
                Layout.rightMargin: 24
            }
            ErrorBanner {
                Layout.fillWidth: true
                Layout.leftMargin: 24
                Layout.rightMargin: 24
                text: App.chat.errorText
                fix: App.chat.errorFix
                onFixModels: page.openModels()
                onFixSmaller: page.openSettings()
                onDismiss: App.chat.dismissError()
            }
            Composer {
                id: composer
                Layout.fillWidth: true
            }
        }

        Rectangle { Layout.fillHeight: true; width: 1; color: Theme.border; visible: page.optionsOpen }
        // Made the first time it is opened: the first window does not wait for its many controls.
        Loader {
            Layout.preferredWidth: 320
            Layout.fillHeight: true
            visible: page.optionsOpen
            active: page.optionsOpen || item !== null
            sourceComponent: ChatOptions {
                onClose: page.optionsOpen = false
            }
        }
    }
}
