#!/bin/sh
# Install the Linux bundle (dist/lxp-desktop, from `make dist`) with its menu entry and icons.
#
#   sudo installers/linux/install.sh               # /opt/lxp-desktop, /usr/local/bin, menus
#   PREFIX=$HOME/.local installers/linux/install.sh   # for one user, no root
#
# PREFIX (default /usr/local) receives bin/, share/applications/ and share/icons/hicolor/;
# the program itself goes to APPDIR (default /opt/lxp-desktop, or PREFIX/lib/lxp-desktop when
# PREFIX is not /usr/local). The data is never touched: it lives in ~/.local/share/lxp-desktop.
# Uninstall: installers/linux/install.sh --uninstall (same PREFIX/APPDIR).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUNDLE=${BUNDLE:-$ROOT/dist/lxp-desktop}
PREFIX=${PREFIX:-/usr/local}
if [ "$PREFIX" = /usr/local ]; then APPDIR=${APPDIR:-/opt/lxp-desktop}; else APPDIR=${APPDIR:-$PREFIX/lib/lxp-desktop}; fi
ICONS="$ROOT/resources/icons"
SIZES="16 24 32 48 64 128 256"

if [ "${1:-}" = --uninstall ]; then
    rm -rf "$APPDIR"
    rm -f "$PREFIX/bin/lxp-desktop" "$PREFIX/share/applications/lxp-desktop.desktop" \
          "$PREFIX/share/icons/hicolor/scalable/apps/lxp-desktop.svg"
    for s in $SIZES; do rm -f "$PREFIX/share/icons/hicolor/${s}x${s}/apps/lxp-desktop.png"; done
    echo "LXP Desktop removed from $APPDIR (data in ~/.local/share/lxp-desktop kept)"
    exit 0
fi

if [ ! -x "$BUNDLE/lxp-desktop" ]; then
    echo "No bundle at $BUNDLE: run 'make dist' first." >&2
    exit 1
fi

rm -rf "$APPDIR"                      # an upgrade leaves no file of the old version behind
mkdir -p "$APPDIR" "$PREFIX/bin" "$PREFIX/share/applications"
cp -R "$BUNDLE/." "$APPDIR/"
ln -sf "$APPDIR/lxp-desktop" "$PREFIX/bin/lxp-desktop"
install -m 644 "$HERE/lxp-desktop.desktop" "$PREFIX/share/applications/lxp-desktop.desktop"
for s in $SIZES; do
    install -D -m 644 "$ICONS/lxp-desktop-$s.png" "$PREFIX/share/icons/hicolor/${s}x${s}/apps/lxp-desktop.png"
done
install -D -m 644 "$ICONS/lxp-desktop.svg" "$PREFIX/share/icons/hicolor/scalable/apps/lxp-desktop.svg"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
echo "LXP Desktop installed in $APPDIR; start it from the menu or with: lxp-desktop"
echo "Check it with: lxp-desktop self-test"
