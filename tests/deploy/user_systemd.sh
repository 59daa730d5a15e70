#!/bin/sh
# A systemd user manager for an ordinary user, on a machine whose PID 1 is not systemd
# (CI's sandbox). Run as root under `unshare --mount --propagation private`:
#
#   user_systemd.sh STATE UID CGROUP [SOURCE NAME]...
#
# STATE/run is the user's XDG_RUNTIME_DIR (bus, systemd), STATE/home its HOME. Each SOURCE
# folder is also seen at /run/kiosk-test/NAME, so that the user can reach it even when it
# lies in a folder the user may not enter (a checkout under /root, say). systemd
# wants to see /run/systemd/system (booted with systemd) and a cgroup of its own: both are
# made here, in this mount namespace and a delegated cgroup CGROUP, and nowhere else.
# It returns when the manager exits (`systemctl --user exit`).
set -eu
state=$1 uid=$2 cgroup=$3

mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p /run/systemd/system
shift 3
while [ $# -ge 2 ]; do
  mkdir -p "/run/kiosk-test/$2"
  mount --bind "$1" "/run/kiosk-test/$2"
  shift 2
done
for tree in unified systemd; do
  [ -d "/sys/fs/cgroup/$tree" ] || continue
  mkdir -p "/sys/fs/cgroup/$tree/$cgroup"
  chown -R "$uid:$uid" "/sys/fs/cgroup/$tree/$cgroup"
  echo $$ > "/sys/fs/cgroup/$tree/$cgroup/cgroup.procs"
done

as_user() {
  setpriv --reuid="$uid" --regid="$uid" --clear-groups env -i HOME="$state/home" \
    XDG_RUNTIME_DIR="$state/run" PATH=/usr/bin:/bin LANG=C.UTF-8 \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$state/run/bus" "$@"
}
as_user dbus-daemon --session --address="unix:path=$state/run/bus" --nofork --nopidfile \
  >"$state/dbus.log" 2>&1 &
bus=$!
tries=0
while [ ! -S "$state/run/bus" ] && [ $tries -lt 100 ]; do sleep 0.05; tries=$((tries + 1)); done
as_user /lib/systemd/systemd --user >"$state/systemd.log" 2>&1 || true
kill "$bus" 2>/dev/null || true
wait "$bus" 2>/dev/null || true
