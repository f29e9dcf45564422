#!/usr/bin/env bash
# Build the self-contained Linux bundle: dist/ilp-desktop/ (run ./ilp-desktop inside it)
# and dist/ilp-desktop-<version>-linux-x86_64.tar.gz. One command from a clean clone:
#   bash packaging/build-linux.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
python3 -m venv build/venv
build/venv/bin/pip install -q . "pyinstaller==6.*"
build/venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/ilp-desktop.spec
# Desktop integration and the licences travel with the bundle.
cp packaging/linux/ilp-desktop.desktop packaging/linux/org.ilpdesktop.ILPDesktop.metainfo.xml dist/ilp-desktop/
cp packaging/icons/ilp-desktop-256.png dist/ilp-desktop/ilp-desktop.png
mkdir -p dist/ilp-desktop/licences
cp packaging/licences/* resources/fonts/*.txt resources/icons/tabler/*.txt dist/ilp-desktop/licences/
build/venv/bin/python packaging/collect_licences.py dist/ilp-desktop/licences
version="$(build/venv/bin/python -c 'import ilp_desktop; print(ilp_desktop.__version__)')"
tar -C dist -czf "dist/ilp-desktop-$version-linux-x86_64.tar.gz" ilp-desktop
echo "bundle: dist/ilp-desktop ($(du -sh dist/ilp-desktop | cut -f1)), archive: $(du -h "dist/ilp-desktop-$version-linux-x86_64.tar.gz" | cut -f1)"
