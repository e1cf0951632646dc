@echo off
rem SPDX-License-Identifier: MIT
rem The touchrole command of the desktop app (Windows): runs the apps own Electron as Node on
rem the CLI bundled in resources\cli. "Install command-line tool" puts this folder on the Path.
setlocal
set "RES=%~dp0.."
if not exist "%RES%\..\touchrole.exe" (
  echo touchrole: the desktop app at %RES% is incomplete; reinstall it 1>&2
  exit /b 1
)
set "ELECTRON_RUN_AS_NODE=1"
set "NODE_PATH=%RES%\app.asar.unpacked\node_modules;%RES%\app.asar\node_modules"
"%RES%\..\touchrole.exe" "%RES%\cli\touchrole.js" %*
exit /b %ERRORLEVEL%
