# Build the Windows app and its installer (run in PowerShell on Windows from the project root):
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs Python 3.11+ and Inno Setup 6 (iscc.exe on PATH). Produces dist\ILP-Desktop-<version>-setup.exe.
$ErrorActionPreference = "Stop"
python -m venv build\venv
build\venv\Scripts\pip install -q . "pyinstaller==6.*"
build\venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\ilp-desktop.spec
New-Item -ItemType Directory -Force dist\ilp-desktop\licences | Out-Null
Copy-Item packaging\licences\*, resources\fonts\*.txt, resources\icons\tabler\*.txt dist\ilp-desktop\licences\
build\venv\Scripts\python packaging\collect_licences.py dist\ilp-desktop\licences
$version = build\venv\Scripts\python -c "import ilp_desktop; print(ilp_desktop.__version__)"
iscc /DAppVersion=$version packaging\windows\ilp-desktop.iss
