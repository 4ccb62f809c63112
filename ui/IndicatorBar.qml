import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Always on screen: how much GPU memory is in use (hover for what uses it and the prediction),
// how fast replies come, how close that is to the hardware's limit, and what the model's size
// level costs in accuracy.
Rectangle {
    id: bar
    objectName: "indicators"  // the tests find its texts by this name
    signal openModels()
    readonly property var ind: App.indicators

    implicitHeight: row.implicitHeight + 12
    color: Theme.sidebar
    Rectangle { width: parent.width; height: 1; color: Theme.border }

    Accessible.role: Accessible.StatusBar
    Accessible.name: qsTr("Indicators")

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 8
        anchors.topMargin: 6
        anchors.bottomMargin: 6
        spacing: 4

        IndicatorChip {
            caption: qsTr("Model")
            value: bar.ind.modelLoaded ? bar.ind.modelName : qsTr("none — open Models")
            detail: bar.ind.modelLoaded ? qsTr("Size level: %1").arg(bar.ind.sizeLevel) : qsTr("Pick a model under Models.")
            Keys.onReturnPressed: bar.openModels()
            TapHandler { onTapped: bar.openModels() }
        }
        IndicatorChip {
            caption: qsTr("GPU memory")
            value: bar.ind.vramText
            fraction: bar.ind.vramTotalGiB > 0 ? bar.ind.vramUsedGiB / bar.ind.vramTotalGiB : -1
            barColor: fraction > 0.9 ? Theme.error : fraction > 0.75 ? Theme.warn : Theme.ok
            detail: bar.ind.modelLoaded ? bar.ind.vramBreakdown : ""
        }
        IndicatorChip {
            caption: bar.ind.generating ? qsTr("Speed (now)") : qsTr("Speed (last reply)")
            value: bar.ind.speedText
            // Under the speed, where the other chips have their bar: the bar stays one row wide
            // and the accuracy chip keeps its room in every language.
            note: bar.ind.speedDetail
            hasNote: true
            detail: qsTr("How many tokens (pieces of words) the model writes per second, and how long it took to start answering.")
        }
        IndicatorChip {
            caption: qsTr("Memory speed used")
            value: bar.ind.bandwidthText
            fraction: bar.ind.bandwidthPercent >= 0 ? bar.ind.bandwidthPercent / 100 : -1
            detail: bar.ind.bandwidthDetail
        }
        IndicatorChip {
            Layout.fillWidth: true
            caption: qsTr("Accuracy")
            value: bar.ind.modelLoaded ? bar.ind.accuracy : "—"
            valueLines: 2  // the sentence that answers "what did the smaller size cost me?" is read whole
            badge: bar.ind.modelLoaded && bar.ind.accuracyEstimated ? qsTr("estimate") : ""
            detail: bar.ind.accuracyDetail
        }
    }
}
