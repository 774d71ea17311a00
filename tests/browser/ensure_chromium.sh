#!/bin/sh
# `make test` runs browser tests in Debian's chromium (never a downloaded browser).
# Installs it where apt-get can (root or sudo); otherwise says what to run and fails.
set -e
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
    echo "chromium is missing: installing Debian's package (apt-get install -y chromium)"
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y chromium && exit 0
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo apt-get install -y chromium && exit 0
    fi
fi
echo "The browser tests need $CHROMIUM. Install it, then run make test again:" >&2
echo "    sudo apt-get install -y chromium     (Debian, Ubuntu)" >&2
exit 1
