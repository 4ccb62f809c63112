import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// One message: the text as Markdown with code blocks in a monospace box, the folded thinking,
// and under it the actions (copy, edit, regenerate, branches ‹ 2/3 ›, details, confidence).
Item {
    id: msg
    required property int index
    required property var messageId
    required property string role
    required property string content
    required property string thinking
    required property var segments       // every block: read when the delegate is made
    required property int segmentCount
    required property var segmentsTail   // {from, items}: the blocks an update changed
    required property bool streaming
    required property int siblingIndex
    required property int siblingCount
    required property string details
    required property string stopReason
    required property string errorText
    required property string errorCode
    required property string confidence
    required property bool hasConfidence

    signal openModels()
    signal openSettings()

    readonly property bool isUser: role === "user"
    // Hands the blocks from `from` on their segments. A streamed token hands over only the tail
    // it changed (usually the last paragraph): the blocks before it are not even looked at, so a
    // token costs the same early and late in a long reply.
    function fillBlock(b, s) {
        if (!b || !s) return
        b.isCode = s.kind === "code"
        b.blockLanguage = s.language
        b.blockText = s.text
    }
    function fillBlocks(from, items) {
        for (let i = from; i < blocks.count && i - from < items.length; ++i) fillBlock(blocks.itemAt(i), items[i - from])
    }
    function segmentAt(i) {
        const t = msg.segmentsTail
        return t && i >= t.from && i - t.from < t.items.length ? t.items[i - t.from] : msg.segments[i]
    }
    // The blocks' model grows and shrinks at its end: a Repeater over a plain number makes
    // every block again whenever the number changes (each new paragraph re-parsed the whole
    // reply so far); over this list only the new block is made.
    ListModel { id: blockModel }
    function syncBlockCount() {
        const n = msg.editing || msg.showConfidence ? 0 : msg.segmentCount
        if (blockModel.count > n) blockModel.remove(n, blockModel.count - n)
        while (blockModel.count < n) blockModel.append({ block: blockModel.count })
    }
    onSegmentCountChanged: syncBlockCount()
    onEditingChanged: syncBlockCount()
    onShowConfidenceChanged: syncBlockCount()
    Component.onCompleted: syncBlockCount()
    onSegmentsChanged: fillBlocks(0, msg.segments)
    onSegmentsTailChanged: if (msg.segmentsTail) fillBlocks(msg.segmentsTail.from, msg.segmentsTail.items)
    // Right-to-left: the user's bubbles go to the left and the branch arrows point the other way
    // (x and the arrows' glyphs are not mirrored by LayoutMirroring itself).
    readonly property bool rtl: LayoutMirroring.enabled
    property bool editing: false
    property bool showConfidence: false
    property bool showDetails: false

    implicitHeight: bubble.height + 8
    Accessible.role: Accessible.ListItem
    // The text joins the name once the reply is done: a name that changes with every token costs
    // the whole text each time (about a third of a late token's UI time), and a screen reader
    // would be told of every change.
    Accessible.name: (isUser ? qsTr("You said") : qsTr("Hearth answered")) + ": " + (streaming ? "" : content)

    Rectangle {
        id: bubble
        objectName: "bubble"
        readonly property real maxWidth: Math.min(msg.width - 48, 760)
        width: msg.isUser && !msg.editing ? Math.min(maxWidth, Math.max(body.implicitWidth, actions.implicitWidth) + 32) : maxWidth
        height: body.implicitHeight + 24
        x: msg.isUser !== msg.rtl ? msg.width - width - 24 : 24
        radius: 14
        color: msg.isUser ? Theme.userBubble : Theme.surface
        border.color: msg.errorText.length > 0 ? Theme.error : (msg.isUser ? "transparent" : Theme.border)

        ColumnLayout {
            id: body
            x: 16
            y: 12
            width: parent.width - 32
            spacing: 8

            // Thinking, folded: shown apart from the answer.
            ColumnLayout {
                visible: msg.thinking.length > 0
                Layout.fillWidth: true
                spacing: 4
                Button {
                    id: thinkToggle
                    flat: true
                    checkable: true
                    text: (checked ? "▾ " : "▸ ") + (msg.streaming && msg.segmentCount === 0 ? qsTr("Thinking…") : qsTr("Show the model's thinking"))
                    font.pixelSize: Theme.small
                    padding: 4
                    Accessible.name: qsTr("Show the model's thinking")
                }
                Label {
                    visible: thinkToggle.checked
                    Layout.fillWidth: true
                    text: msg.thinking
                    wrapMode: Text.Wrap
                    color: Theme.textMuted
                    font.italic: true
                    font.pixelSize: Theme.small
                }
            }

            // The text, or the editor when editing a message of the user's.
            // By count, not by the list itself: a streamed token hands over a new list every time,
            // which would rebuild every block (and parse its Markdown again); this way a token
            // changes the last block's text, and blocks are made only when one is added.
            // A Column, not the layout's own rows: a growing last block then moves nothing and
            // the layout above is asked only for the column's height, not each block's.
            Item {
                Layout.fillWidth: true
                visible: blocks.count > 0
                implicitHeight: column.height
                // As wide as its widest block would like: a user's short message gets a narrow
                // bubble (a reply's bubble is always full width, so it need not ask while streaming).
                implicitWidth: {
                    if (!msg.isUser) return 0
                    let w = 0
                    for (let i = 0; i < blocks.count; ++i) w = Math.max(w, blocks.itemAt(i)?.implicitWidth ?? 0)
                    return w
                }
                Column {
                    id: column
                    width: parent.width
                    spacing: 8
                    Repeater {
                        id: blocks
                        model: blockModel
                        delegate: Loader {
                            required property int index
                            width: parent.width
                            // Filled by msg.fillBlocks(), not bound to msg.segments[index]: each such
                            // binding would read (convert) the whole list, every block on every update,
                            // and a token would cost the square of the reply's length in blocks. These
                            // string properties notify only when their value changes, so a block whose
                            // text is the same is left alone (a TextEdit handed equal Markdown would parse
                            // and lay it out again: it compares with its own re-written Markdown).
                            property string blockText
                            property string blockLanguage
                            property bool isCode
                            sourceComponent: isCode ? codeBlock : textBlock
                            Component.onCompleted: msg.fillBlock(this, msg.segmentAt(index))
                        }
                    }
                }
            }
            Text {
                // The reply with each token shaded by how sure the model was; hover for the number.
                visible: msg.showConfidence && !msg.editing
                Layout.fillWidth: true
                text: msg.confidence
                textFormat: Text.RichText
                wrapMode: Text.Wrap
                color: Theme.text
                font.pixelSize: Theme.base
                onLinkHovered: (link) => {
                    confidenceTip.text = link.length > 0 ? App.chat.messages.tokenInfo(msg.index, parseInt(link)) : ""
                    confidenceTip.visible = link.length > 0
                }
                ToolTip { id: confidenceTip; delay: 0 }
            }
            Label {
                visible: msg.streaming && msg.content.length === 0 && msg.thinking.length === 0
                text: qsTr("Reading your message…")
                color: Theme.textMuted
                font.italic: true
            }
            Label {
                visible: !msg.streaming && msg.role === "assistant" && msg.content.length === 0 && msg.errorText.length === 0
                text: msg.stopReason === "cancelled" ? qsTr("Stopped before the first word.") : qsTr("The model gave no answer.")
                color: Theme.textMuted
                font.italic: true
            }
            ColumnLayout {
                visible: msg.editing
                Layout.fillWidth: true
                TextArea {
                    id: editor
                    Layout.fillWidth: true
                    wrapMode: TextEdit.Wrap
                    Accessible.name: qsTr("Edit your message")
                    Keys.onReturnPressed: (event) => { if (event.modifiers & Qt.ShiftModifier) event.accepted = false; else send() }
                    Keys.onEscapePressed: msg.editing = false
                    function send() { App.chat.editAndResend(msg.index, text); msg.editing = false }
                }
                RowLayout {
                    Button { text: qsTr("Send"); highlighted: true; onClicked: editor.send() }
                    Button { text: qsTr("Cancel"); flat: true; onClicked: msg.editing = false }
                    Label { text: qsTr("Your first version is kept: use ‹ › to go back to it."); color: Theme.textMuted; font.pixelSize: Theme.small; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                }
            }

            // Where this reply went wrong, in plain words, with the button that fixes it.
            Rectangle {
                visible: msg.errorText.length > 0
                Layout.fillWidth: true
                implicitHeight: errorRow.implicitHeight + 16
                radius: 8
                color: Theme.errorBackground
                RowLayout {
                    id: errorRow
                    anchors.fill: parent
                    anchors.margins: 8
                    Label {
                        Layout.fillWidth: true
                        text: msg.errorText
                        color: Theme.error
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.AlertMessage
                    }
                    Button {
                        visible: msg.errorCode.length > 0
                        text: msg.errorCode === "models" ? qsTr("Open Models")
                            : msg.errorCode === "smaller" ? qsTr("Open Settings") : qsTr("Try again")
                        onClicked: {
                            if (msg.errorCode === "models") msg.openModels()
                            else if (msg.errorCode === "smaller") msg.openSettings()
                            else App.chat.regenerate(msg.index)
                        }
                    }
                }
            }

            // Actions and details.
            RowLayout {
                id: actions
                visible: !msg.streaming && !msg.editing
                spacing: 2
                opacity: hover.hovered || msg.ListView.isCurrentItem || msg.siblingCount > 1 ? 1 : 0.55

                SmallButton {
                    objectName: "previousVersion"
                    visible: msg.siblingCount > 1
                    text: msg.rtl ? "›" : "‹"
                    enabled: msg.siblingIndex > 1 && !App.chat.busy
                    accessibleName: qsTr("Previous version")
                    onClicked: App.chat.switchBranch(msg.index, -1)
                }
                Label {
                    visible: msg.siblingCount > 1
                    text: qsTr("%1/%2").arg(msg.siblingIndex).arg(msg.siblingCount)
                    font.pixelSize: Theme.small
                    Accessible.name: qsTr("Version %1 of %2").arg(msg.siblingIndex).arg(msg.siblingCount)
                }
                SmallButton {
                    objectName: "nextVersion"
                    visible: msg.siblingCount > 1
                    text: msg.rtl ? "‹" : "›"
                    enabled: msg.siblingIndex < msg.siblingCount && !App.chat.busy
                    accessibleName: qsTr("Next version")
                    onClicked: App.chat.switchBranch(msg.index, 1)
                }
                SmallButton {
                    text: qsTr("Copy")
                    onClicked: App.chat.copyText(msg.content)
                }
                SmallButton {
                    visible: msg.isUser && msg.messageId > 0
                    enabled: !App.chat.busy
                    text: qsTr("Edit")
                    onClicked: { editor.text = msg.content; msg.editing = true; editor.forceActiveFocus() }
                }
                SmallButton {
                    visible: !msg.isUser && msg.messageId > 0
                    enabled: !App.chat.busy
                    text: qsTr("Regenerate")
                    onClicked: App.chat.regenerate(msg.index)
                }
                SmallButton {
                    visible: !msg.isUser && msg.hasConfidence
                    text: msg.showConfidence ? qsTr("Hide confidence") : qsTr("Confidence")
                    accessibleName: qsTr("Shade the words the model was unsure of")
                    onClicked: msg.showConfidence = !msg.showConfidence
                }
                SmallButton {
                    visible: !msg.isUser && msg.details.length > 0
                    text: msg.showDetails ? qsTr("Hide details") : qsTr("Details")
                    onClicked: msg.showDetails = !msg.showDetails
                }
            }
            Label {
                visible: msg.showDetails && !msg.streaming
                Layout.fillWidth: true
                text: msg.details
                color: Theme.textMuted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
            }
        }
        HoverHandler { id: hover }
    }

    Component {
        id: textBlock
        TextEdit {
            objectName: "textBlock"
            text: blockText
            textFormat: TextEdit.MarkdownText
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.Wrap
            color: Theme.text
            selectionColor: Theme.accent
            font.pixelSize: Theme.base
            activeFocusOnTab: false
            onLinkActivated: (link) => Qt.openUrlExternally(link)
        }
    }
    Component {
        id: codeBlock
        Rectangle {
            implicitHeight: codeColumn.implicitHeight + 16
            radius: 8
            color: Theme.codeBackground
            border.color: Theme.border
            ColumnLayout {
                id: codeColumn
                x: 10
                y: 8
                width: parent.width - 20
                RowLayout {
                    Label {
                        text: blockLanguage.length > 0 ? blockLanguage : qsTr("code")
                        color: Theme.textMuted
                        font.pixelSize: Theme.small
                        Layout.fillWidth: true
                    }
                    SmallButton {
                        text: copied ? qsTr("Copied") : qsTr("Copy")
                        property bool copied: false
                        accessibleName: qsTr("Copy code")
                        onClicked: { App.chat.copyText(blockText); copied = true; copiedTimer.restart() }
                        Timer { id: copiedTimer; interval: 1500; onTriggered: parent.copied = false }
                    }
                }
                TextEdit {
                    Layout.fillWidth: true
                    text: blockText
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.WrapAnywhere
                    font.family: Theme.mono
                    font.pixelSize: Theme.small + 1
                    color: Theme.text
                    selectionColor: Theme.accent
                }
            }
        }
    }
}
