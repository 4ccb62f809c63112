import QtQuick
import QtQuick.Controls
import QtTest
import Hearth

// The app's self-contained components: what they show, say to assistive technology, and do.
Item {
    id: root
    width: 800
    height: 600

    IndicatorChip {
        id: chip
        caption: "GPU memory"
        value: "1.2 GiB of 8.0 GiB"
        detail: "Model weights: 1.0 GiB"
        fraction: 0.15
        badge: "estimate"
    }

    Snackbar {
        id: snack
        parent: root
    }

    SettingsSection {
        id: section
        y: 200
        width: 400
        title: "Privacy"
        Label { objectName: "inside"; text: "No telemetry" }
    }

    SmallButton {
        id: small
        y: 400
        text: "Copy"
    }

    TestCase {
        name: "Components"
        when: windowShown

        function findLabel(item, text) {
            if (item.text === text) return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findLabel(item.children[i], text)
                if (found) return found
            }
            if (item.contentItem && item.contentItem !== item) return findLabel(item.contentItem, text)
            return null
        }

        function test_chipShowsAndNamesItsFigure() {
            verify(findLabel(chip, "1.2 GiB of 8.0 GiB") !== null)
            verify(findLabel(chip, "estimate") !== null)
            compare(chip.Accessible.name, "GPU memory: 1.2 GiB of 8.0 GiB")
            compare(chip.Accessible.description, "Model weights: 1.0 GiB")
            verify(chip.activeFocusOnTab)
        }

        function test_chipShowsDetailOnKeyboardFocus() {
            chip.forceActiveFocus(Qt.TabFocusReason)
            tryCompare(chip.tip, "visible", true)
            compare(chip.tip.text, "Model weights: 1.0 GiB")
            chip.focus = false
        }

        function test_snackbarRunsItsAction() {
            let undone = false
            snack.show("Chat deleted.", "Undo", () => { undone = true })
            tryCompare(snack, "opened", true)
            compare(snack.message, "Chat deleted.")
            const button = findLabel(snack.contentItem, "Undo")
            verify(button !== null)
            mouseClick(button)
            verify(undone)
            tryCompare(snack, "visible", false)
        }

        function test_sectionHoldsItsContent() {
            verify(findLabel(section, "Privacy") !== null)
            verify(findLabel(section, "No telemetry") !== null)
        }

        function test_smallButtonHasAnAccessibleName() {
            compare(small.Accessible.name, "Copy")
            let clicked = 0
            small.clicked.connect(() => clicked++)
            mouseClick(small)
            compare(clicked, 1)
        }
    }
}
