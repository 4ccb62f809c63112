#!/usr/bin/env bash
# Assembles an AppImage from a release build: installs into an AppDir, then runs appimagetool
# (and linuxdeploy with its Qt plugin to bundle Qt, when installed). Neither tool is a Debian
# package, so this runs on a packaging machine, not in CI.
#   packaging/appimage.sh [build-dir]     (default build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
appdir="$build/AppDir"
rm -rf "$appdir"
DESTDIR="$PWD/$appdir" cmake --install "$build" --prefix /usr
if command -v linuxdeploy >/dev/null; then
  linuxdeploy --appdir "$appdir" --plugin qt \
    --desktop-file "$appdir/usr/share/applications/hearth.desktop" \
    --icon-file "$appdir/usr/share/icons/hicolor/scalable/apps/hearth.svg" --output appimage
elif command -v appimagetool >/dev/null; then
  ln -sf usr/share/applications/hearth.desktop "$appdir/hearth.desktop"
  ln -sf usr/share/icons/hicolor/scalable/apps/hearth.svg "$appdir/hearth.svg"
  printf '#!/bin/sh\nexec "$(dirname "$0")/usr/bin/hearth" "$@"\n' > "$appdir/AppRun"
  chmod +x "$appdir/AppRun"
  appimagetool "$appdir" "$build/Hearth-x86_64.AppImage"
else
  echo "error: neither linuxdeploy nor appimagetool is installed; the AppDir is at $appdir" >&2
  exit 1
fi
