; Inno Setup script: a per-user installer (no administrator rights needed on a school laptop).
; Built by packaging\windows\build.ps1, which passes /DAppVersion.
[Setup]
AppId={{6C0E5A55-2C1B-4F0D-9C52-1B7A4D0C9E11}
AppName=ILP Desktop
AppVersion={#AppVersion}
AppPublisher=ILP Desktop
DefaultDirName={localappdata}\Programs\ILP Desktop
DefaultGroupName=ILP Desktop
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=ILP-Desktop-{#AppVersion}-setup
SetupIconFile=..\icons\ilp-desktop.ico
UninstallDisplayIcon={app}\ilp-desktop.exe
Compression=lzma2
SolidCompression=yes
LicenseFile=..\licences\LGPL-3.0.txt

[Files]
Source: "..\..\dist\ilp-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\ILP Desktop"; Filename: "{app}\ilp-desktop.exe"
Name: "{userdesktop}\ILP Desktop"; Filename: "{app}\ilp-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\ilp-desktop.exe"; Description: "Start ILP Desktop"; Flags: nowait postinstall skipifsilent
