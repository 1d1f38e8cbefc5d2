#!/bin/sh
# kit/tools/private-ipc.sh COMMAND [ARG...] — runs COMMAND with IPC objects of its own.
#
# The mutation runs start thousands of test processes, and Stryker kills one whose mutant hangs
# (a timeout) before its cleanup can run. What it had created would stay on the host: SysV ids,
# POSIX names in /dev/shm, FIFOs, sockets and temp dirs in /tmp. Here COMMAND runs in a private
# IPC namespace (SysV objects and POSIX message queues) and a private mount namespace with fresh
# tmpfs on /dev/shm and /tmp, so all of them end with the run, whatever killed what.
#
# Where the host cannot give that (no CAP_SYS_ADMIN, a seccomp filter, a container without
# unshare), it gives what it can and says what is shared: a private IPC namespace alone, or none.
set -eu
[ "$#" -gt 0 ] || { echo "ipc-conformance: private-ipc.sh needs a command to run" >&2; exit 2; }

# shellcheck disable=SC2016 # the inner script expands its own "$@"
inner='mount -t tmpfs -o mode=1777 ipcc-shm /dev/shm && mount -t tmpfs -o mode=1777 ipcc-tmp /tmp && exec "$@"'
if unshare --ipc --mount --propagation private sh -c "$inner" sh true 2>/dev/null; then
  exec unshare --ipc --mount --propagation private sh -c "$inner" sh "$@"
elif unshare --ipc true 2>/dev/null; then
  echo "ipc-conformance: no private mount namespace here: /dev/shm and /tmp are the host's, and a killed test process can leave names there" >&2
  exec unshare --ipc "$@"
else
  echo "ipc-conformance: no private IPC namespace here: SysV objects, /dev/shm and /tmp are the host's, and a killed test process can leave objects there" >&2
  exec "$@"
fi
