#!/usr/bin/env bash
# Build "ILP Desktop.app" and a disk image on macOS (from the project root):
#   bash packaging/macos/build.sh
# Needs Python 3.11+ from python.org (universal2) and the Xcode command line tools (hdiutil, codesign).
# Set CODESIGN_IDENTITY to sign with a Developer ID; notarise the .dmg with `xcrun notarytool` afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m venv build/venv
build/venv/bin/pip install -q . "pyinstaller==6.*"
build/venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/ilp-desktop.spec
app="dist/ILP Desktop.app"
mkdir -p "$app/Contents/Resources/licences"
cp packaging/licences/* resources/fonts/*.txt resources/icons/tabler/*.txt "$app/Contents/Resources/licences/"
build/venv/bin/python packaging/collect_licences.py "$app/Contents/Resources/licences"
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --deep --force --options runtime --sign "$CODESIGN_IDENTITY" "$app"
fi
version="$(build/venv/bin/python -c 'import ilp_desktop; print(ilp_desktop.__version__)')"
hdiutil create -volname "ILP Desktop" -srcfolder "$app" -ov -format UDZO "dist/ILP-Desktop-$version.dmg"
