import QtQuick
import QtQuick.Controls as C

// The app's Label: Qt Quick Controls' own, aligned to the start of the line explicitly. Qt mirrors
// only an explicit alignment under LayoutMirroring; left implicit, a caption still in English (an
// untranslated right-to-left language) would stay on the left of a mirrored layout. Every ui/ file
// imports Hearth after QtQuick.Controls, so this one is the Label they get.
C.Label {
    horizontalAlignment: Text.AlignLeft
}
