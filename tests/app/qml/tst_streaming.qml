import QtQuick
import QtQuick.Controls
import QtTest
import Hearth

// While a reply streams, each update hands the delegate the reply's blocks again; only a block
// whose text changed may be parsed and laid out again, or a token would cost as much as the
// whole reply so far.
Item {
    id: root
    width: 800
    height: 700

    MessageDelegate {
        id: reply
        width: 800
        index: 0
        messageId: 0
        role: "assistant"
        content: ""
        thinking: ""
        segments: [{ kind: "text", text: "First **paragraph**  \nwith a break.", language: "" },
                   { kind: "code", text: "code();", language: "js" },
                   { kind: "text", text: "Last", language: "" }]
        segmentCount: 3
        segmentsTail: ({ from: 0, items: [] })
        streaming: true
        siblingIndex: 1
        siblingCount: 1
        details: ""
        stopReason: ""
        errorText: ""
        errorCode: ""
        confidence: ""
        hasConfidence: false
    }

    TestCase {
        name: "Streaming"
        when: windowShown

        function blocks(item, out) {
            if (item.objectName === "textBlock") out.push(item)
            for (let i = 0; i < item.children.length; ++i) blocks(item.children[i], out)
            return out
        }

        function test_aTokenRelaysOnlyTheLastBlock() {
            const before = blocks(reply, [])
            compare(before.length, 2)
            let firstChanged = 0, lastChanged = 0
            const countFirst = () => ++firstChanged, countLast = () => ++lastChanged
            before[0].textChanged.connect(countFirst)
            before[1].textChanged.connect(countLast)
            for (let i = 0; i < 5; ++i) {
                reply.segments = [{ kind: "text", text: "First **paragraph**  \nwith a break.", language: "" },
                                  { kind: "code", text: "code();", language: "js" },
                                  { kind: "text", text: "Last" + " word".repeat(i + 1), language: "" }]
            }
            compare(lastChanged, 5, "the growing block follows every update")
            compare(firstChanged, 0, "a block whose text did not change is not parsed again")
            const after = blocks(reply, [])
            compare(after[0], before[0], "no block is made again")
            before[0].textChanged.disconnect(countFirst)
            before[1].textChanged.disconnect(countLast)
        }

        // What the model hands over per token: the count and the changed tail, never the whole
        // list; a block that starts mid-stream is made from the tail.
        function test_bAStreamedTokenHandsOverOnlyTheTail() {
            const before = blocks(reply, [])
            compare(before.length, 2)
            let firstChanged = 0
            const countFirst = () => ++firstChanged
            before[0].textChanged.connect(countFirst)
            for (let i = 0; i < 3; ++i)
                reply.segmentsTail = { from: 2, items: [{ kind: "text", text: "Last" + " more".repeat(i + 1), language: "" }] }
            compare(before[1].text.trim(), "Last more more more")
            reply.segmentCount = 4
            reply.segmentsTail = { from: 3, items: [{ kind: "text", text: "A new paragraph", language: "" }] }
            const after = blocks(reply, [])
            compare(after.length, 3)
            compare(after[2].text.trim(), "A new paragraph")
            compare(after[0], before[0], "no block is made again")
            compare(firstChanged, 0, "the blocks before the tail are left alone")
            before[0].textChanged.disconnect(countFirst)
        }
    }
}
