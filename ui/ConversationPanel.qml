import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth

// The list of chats: search, new chat, import, and per chat rename, pin, export and delete
// (with undo). Rows load a page at a time as the list scrolls.
Rectangle {
    id: panel
    color: Theme.panel
    function focusSearch() { search.forceActiveFocus() }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            Button {
                id: newButton
                Layout.fillWidth: true
                text: qsTr("New chat")
                highlighted: true
                onClicked: App.chat.newChat()
                ToolTip.visible: hovered
                ToolTip.delay: 800
                ToolTip.text: qsTr("Ctrl+N")
                FocusRing { target: newButton }
            }
            Button {
                id: importButton
                text: qsTr("Import…")
                flat: true
                onClicked: { importLoader.active = true; importLoader.item.open() }
                Accessible.name: qsTr("Import a chat from a JSON file")
                FocusRing { target: importButton }
            }
        }

        TextField {
            id: search
            Layout.fillWidth: true
            placeholderText: qsTr("Search all chats")
            text: App.chats.searchText
            onTextEdited: searchDelay.restart()
            Accessible.role: Accessible.EditableText
            Accessible.name: qsTr("Search all chats")
            Keys.onEscapePressed: { text = ""; App.chats.searchText = "" }
            Timer {
                id: searchDelay
                interval: 150
                onTriggered: App.chats.searchText = search.text
            }
        }

        Label {
            visible: App.chats.searching && App.chats.count === 0 && !App.chats.loading
            text: qsTr("No chat mentions “%1”.").arg(App.chats.searchText)
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Label {
            visible: App.chats.empty
            text: qsTr("Your chats will be listed here.")
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }

        ListView {
            id: listView
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: App.chats
            spacing: 2
            keyNavigationEnabled: true
            activeFocusOnTab: true
            currentIndex: -1
            reuseItems: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Chats")
            ScrollBar.vertical: ScrollBar {}
            Keys.onReturnPressed: if (currentItem) App.chat.open(currentItem.conversationId)
            Keys.onDeletePressed: if (currentItem) App.chats.remove(currentItem.conversationId)

            delegate: ItemDelegate {
                id: row
                required property var conversationId
                required property string title
                required property bool pinned
                required property string snippet
                required property int index
                width: ListView.view.width
                highlighted: App.chat.conversationId === conversationId
                onClicked: { listView.currentIndex = index; App.chat.open(conversationId) }
                Accessible.role: Accessible.ListItem
                Accessible.name: (pinned ? qsTr("Pinned: ") : "") + title
                focusPolicy: Qt.NoFocus

                contentItem: ColumnLayout {
                    spacing: 2
                    RowLayout {
                        spacing: 6
                        Label {
                            visible: row.pinned
                            text: "★"
                            font.pixelSize: Theme.small
                            color: Theme.accent
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.title
                            elide: Text.ElideRight
                            font.bold: row.highlighted
                        }
                        ToolButton {
                            id: more
                            text: "⋯"
                            implicitWidth: 32
                            implicitHeight: 28
                            onClicked: rowMenu.openFor(row, more)
                            Accessible.name: qsTr("More for %1").arg(row.title)
                        }
                    }
                    Label {
                        visible: row.snippet.length > 0
                        Layout.fillWidth: true
                        text: row.snippet
                        textFormat: Text.StyledText
                        color: Theme.textMuted
                        font.pixelSize: Theme.small
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                }
                background: Rectangle {
                    radius: Theme.radius
                    color: row.highlighted ? Theme.surface : (row.hovered || (listView.activeFocus && listView.currentIndex === row.index)) ? Theme.surfaceAlt : "transparent"
                    border.color: listView.activeFocus && listView.currentIndex === row.index ? Theme.focus : (row.highlighted ? Theme.border : "transparent")
                    border.width: listView.activeFocus && listView.currentIndex === row.index ? 2 : 1
                }
                TapHandler {
                    acceptedButtons: Qt.RightButton
                    onTapped: rowMenu.openFor(row)
                }
            }
        }
    }

    // One menu for every row (a menu per row would be made for each row shown, at start too).
    Menu {
        id: rowMenu
        property var conversationId
        property string chatTitle  // not "title": Menu has its own
        property bool pinned
        // Under its ⋯ button when one is given (a click or the keyboard), else at the pointer (a right click).
        function openFor(row, button) {
            conversationId = row.conversationId
            chatTitle = row.title
            pinned = row.pinned
            if (button) popup(button, 0, button.height)
            else popup()
        }
        MenuItem { text: qsTr("Rename…"); onTriggered: { renameLoader.active = true; renameLoader.item.openFor(rowMenu.conversationId, rowMenu.chatTitle) } }
        MenuItem { text: rowMenu.pinned ? qsTr("Unpin") : qsTr("Pin to top"); onTriggered: App.chats.setPinned(rowMenu.conversationId, !rowMenu.pinned) }
        MenuItem { text: qsTr("Export as Markdown"); onTriggered: App.chats.exportConversation(rowMenu.conversationId, "md", App.settings.exportFolder) }
        MenuItem { text: qsTr("Export as JSON"); onTriggered: App.chats.exportConversation(rowMenu.conversationId, "json", App.settings.exportFolder) }
        MenuSeparator {}
        MenuItem { text: qsTr("Delete"); onTriggered: App.chats.remove(rowMenu.conversationId) }
    }

    // Made when first needed, not with the first window.
    Loader {
        id: renameLoader
        active: false
        sourceComponent: renameComponent
    }
    Component {
        id: renameComponent
        Dialog {
            id: renameDialog
            property var conversationId
            function openFor(id, title) { conversationId = id; nameField.text = title; open(); nameField.selectAll(); nameField.forceActiveFocus() }
            parent: Overlay.overlay
            anchors.centerIn: parent
            modal: true
            title: qsTr("Rename chat")
            standardButtons: Dialog.Ok | Dialog.Cancel
            onAccepted: App.chats.rename(conversationId, nameField.text)
            TextField {
                id: nameField
                width: 320
                Accessible.name: qsTr("New name")
                onAccepted: renameDialog.accept()
            }
        }
    }

    // Made when first needed, as the rename dialog.
    Loader {
        id: importLoader
        active: false
        sourceComponent: FileDialog {
            title: qsTr("Import a chat")
            nameFilters: [qsTr("Hearth chat export (*.json)")]
            onAccepted: App.chats.importFile(selectedFile)
        }
    }

    // "Deleted. Undo" and the results of export and import.
    Snackbar {
        id: snackbar
        parent: Overlay.overlay
    }
    Connections {
        target: App.chats
        function onRemoved(id, title) { snackbar.show(qsTr("“%1” was deleted.").arg(title), qsTr("Undo"), () => App.chats.undoRemove(id)) }
        function onExported(path) { snackbar.show(qsTr("Saved to %1").arg(path), "", null) }
        function onImported(id) { snackbar.show(qsTr("The chat was imported."), qsTr("Open"), () => App.chat.open(id)) }
        function onFailed(message) { snackbar.show(message, "", null) }
        function onCreated(id) { App.chat.open(id) }
    }
}
