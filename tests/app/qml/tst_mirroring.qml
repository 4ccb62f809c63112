import QtQuick
import QtQuick.Controls
import QtTest
import Hearth

// Right to left (Arabic, Hebrew): under LayoutMirroring, as Main.qml sets it for such a language,
// a message delegate puts the user's bubble on the left and the model's on the right, and the
// branch arrows swap places and glyphs, so "previous" still points back in reading order; captions
// align to the right.
Item {
    id: root
    width: 800
    height: 700

    component Message: MessageDelegate {
        width: 800
        index: 0
        messageId: 1
        content: "Hello there"
        thinking: ""
        segments: [{ kind: "text", text: "Hello there", language: "" }]
        segmentCount: 1
        segmentsTail: ({ from: 0, items: [] })
        streaming: false
        siblingIndex: 2
        siblingCount: 3
        details: ""
        stopReason: ""
        errorText: ""
        errorCode: ""
        confidence: ""
        hasConfidence: false
    }

    Column {
        id: ltr
        width: 800
        Message { id: userLtr; role: "user" }
        Message { id: modelLtr; role: "assistant" }
        Label { id: captionLtr; width: 800; text: "Settings" }
    }
    Column {
        id: rtl
        y: 350
        width: 800
        LayoutMirroring.enabled: true
        LayoutMirroring.childrenInherit: true
        Message { id: userRtl; role: "user" }
        Message { id: modelRtl; role: "assistant" }
        Label { id: captionRtl; width: 800; text: "Settings" }
    }

    TestCase {
        name: "Mirroring"
        when: windowShown

        function find(item, name) {
            if (item.objectName === name) return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = find(item.children[i], name)
                if (found) return found
            }
            return null
        }

        function test_bubblesSwapSides() {
            const user = find(userLtr, "bubble"), model = find(modelLtr, "bubble")
            verify(user.x + user.width > 700, "left to right: the user's bubble on the right")
            compare(model.x, 24)
            const userR = find(userRtl, "bubble"), modelR = find(modelRtl, "bubble")
            compare(userR.x, 24)
            verify(modelR.x + modelR.width > 700, "right to left: the model's bubble on the right")
            compare(userR.width, user.width)
        }

        function test_captionsAlignToTheStartOfTheLine() {
            // Even a caption left in English (an untranslated right-to-left language).
            compare(captionLtr.effectiveHorizontalAlignment, Text.AlignLeft)
            compare(captionRtl.effectiveHorizontalAlignment, Text.AlignRight)
        }

        function test_branchArrowsPointBackInReadingOrder() {
            for (const [msg, mirrored] of [[modelLtr, false], [modelRtl, true]]) {
                const previous = find(msg, "previousVersion"), next = find(msg, "nextVersion")
                verify(previous.visible && next.visible)
                const px = previous.mapToItem(msg, 0, 0).x, nx = next.mapToItem(msg, 0, 0).x
                if (mirrored) {
                    verify(px > nx, "right to left: previous is on the right")
                    compare(previous.text, "›")
                    compare(next.text, "‹")
                } else {
                    verify(px < nx, "left to right: previous is on the left")
                    compare(previous.text, "‹")
                    compare(next.text, "›")
                }
            }
        }
    }
}
