#!/bin/sh
# Install (or update) the clinic kiosk on a Debian or Ubuntu machine, from this checkout:
#
#   sudo deploy/install.sh            # then: sudo reboot (or: sudo systemctl start kiosk)
#
# What it does (README, "Installing a clinic kiosk (Linux)"):
#   - the Debian packages of deploy/debian/run.txt and kiosk.txt (cage, speech-dispatcher
#     with espeak-ng, PulseAudio, Python)
#   - the system user `kiosk` (no password, no shell; the service logs it in on tty1)
#   - /opt/kiosk: the app in its own venv from deploy/kiosk.lock (pinned, with hashes),
#     the content, kiosk-session and the speech-dispatcher settings
#   - /etc/kiosk/settings.yaml (kept when it exists) and the staff PIN (asked for when none
#     is set and a terminal is there; otherwise it says the command to run)
#   - kiosk.service and its drop-in in /etc/systemd/system, enabled, graphical boot
#
# --root DIR installs the files under DIR instead of /, and skips the user, the PIN and
# systemctl (for a look at what it would install, or a machine image being built).
set -eu

root=""
if [ "${1:-}" = "--root" ]; then
  root=${2:?"--root needs a folder"}
  shift 2
fi
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
prefix=/opt/kiosk
etc=/etc/kiosk

if [ -z "$root" ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: run it as root: sudo $0" >&2
  exit 1
fi
say() { echo "install.sh: $*"; }

say "Debian packages"
"$here/debian/ensure-packages" "$here/debian/run.txt" "$here/debian/kiosk.txt"

if [ -z "$root" ] && ! id kiosk >/dev/null 2>&1; then
  say "user kiosk"
  groups=""
  for group in video render input audio; do
    getent group "$group" >/dev/null && groups="$groups${groups:+,}$group"
  done
  useradd --system --create-home --home-dir /var/lib/kiosk --shell /usr/sbin/nologin \
    ${groups:+--groups "$groups"} --comment "Patient-education kiosk" kiosk
fi

say "the app in $prefix/venv"
mkdir -p "$root$prefix/bin" "$root$etc"
/usr/bin/python3 -m venv --clear "$root$prefix/venv"
"$root$prefix/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  --require-hashes --no-deps -r "$here/kiosk.lock"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
  git -C "$src" ls-files -z | (cd "$src" && xargs -0 cp --parents -t "$build")
else
  (cd "$src" && tar --exclude=.venv --exclude=.git -cf - .) | (cd "$build" && tar -xf -)
fi
for ts in "$build"/kiosk/ui/translations/*.ts; do  # as `make translations` does
  "$root$prefix/venv/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
  PYTHONPATH="$build" "$root$prefix/venv/bin/python" -m kiosk.ui.i18n digest "${ts%.ts}.qm" \
    >"${ts%.ts}.qm.sha256"
done
"$root$prefix/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  --no-deps --no-build-isolation "$build"
# bytecode now: the kiosk user cannot write it at start-up (a few template files in
# PySide6's tools are not Python and fail to compile; that is expected)
"$root$prefix/venv/bin/python" -m compileall -q "$root$prefix/venv/lib" >/dev/null || true

say "content, session, speech settings"
rm -rf "$root$prefix/content.new"
cp -r "$src/content" "$root$prefix/content.new"
rm -rf "$root$prefix/content"
mv "$root$prefix/content.new" "$root$prefix/content"
install -m 755 "$here/kiosk-session" "$root$prefix/bin/kiosk-session"
cat >"$root$prefix/bin/kiosk-set-pin" <<SETPIN
#!/bin/sh
# Set the kiosk's staff PIN (as root); the kiosk user may read the settings, not change them.
set -e
$prefix/venv/bin/kiosk set-pin --config $etc/settings.yaml
chown root:kiosk $etc/settings.yaml
chmod 640 $etc/settings.yaml
SETPIN
chmod 755 "$root$prefix/bin/kiosk-set-pin"
mkdir -p "$root$prefix/speech-dispatcher"
install -m 644 "$here/speech-dispatcher/speechd.conf" "$root$prefix/speech-dispatcher/"
install -m 644 "$src/README.md" "$root$prefix/README.md"

settings="$root$etc/settings.yaml"
if [ ! -e "$settings" ]; then
  say "$etc/settings.yaml"
  cat >"$settings" <<SETTINGS
# The kiosk's settings (README, "Settings"). Set the staff PIN with:
#   sudo $prefix/bin/kiosk-set-pin
content: $prefix/content
idle_seconds: 90
warning_seconds: 20
SETTINGS
fi
if [ -z "$root" ]; then
  chown root:kiosk "$settings"
  chmod 640 "$settings"
fi

say "systemd unit"
mkdir -p "$root/etc/systemd/system/kiosk.service.d"
install -m 644 "$here/systemd/kiosk.service" "$root/etc/systemd/system/kiosk.service"
install -m 644 "$here/systemd/kiosk.service.d/console.conf" \
  "$root/etc/systemd/system/kiosk.service.d/console.conf"

if [ -n "$root" ]; then
  say "installed under $root (no user, PIN or systemctl)"
  exit 0
fi
if ! grep -q '^staff_pin:' "$settings"; then
  if [ -t 0 ]; then
    say "set the staff PIN (staff use it to open the staff panel)"
    "$prefix/bin/kiosk-set-pin"
  else
    say "no staff PIN yet; the kiosk will not start until one is set:"
    say "  sudo $prefix/bin/kiosk-set-pin"
  fi
fi
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable kiosk.service
  systemctl set-default graphical.target
  say "done: reboot, or start it now with: sudo systemctl restart kiosk"
else
  say "done (systemd is not running here: enable kiosk.service on the kiosk itself)"
fi
