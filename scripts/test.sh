#!/usr/bin/env bash
# Install what the tests need and run them: LibreOffice and poppler (PDF conversion
# of generated documents, legacy .doc), Tesseract with its Vietnamese model (scans),
# PostgreSQL (the registry tests start a throwaway server), Chromium (the web
# workspace's browser tests drive Debian's chromium through Playwright; no browser is
# downloaded), the package with its test extras, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null \
    || ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx vie \
    || ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
    || ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        libreoffice-writer-nogui poppler-utils fonts-dejavu-core fonts-liberation postgresql \
        chromium chromium-driver tesseract-ocr tesseract-ocr-vie >/dev/null
fi
python3 -m pip install -q -e ".[test]"
python3 -m pytest "$@"
