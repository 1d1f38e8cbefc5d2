#!/usr/bin/env bash
# The kit's container entrypoint on a cluster node (Sonobuoy plugin and DaemonSet):
#   deploy/kubernetes/plugin-entrypoint.sh [arguments for cucumber-js, as after `npm test --`]
# Runs the suite once per user in IPC_USERS (default: "0 65534" when started as root, else the
# current uid; a root start drops to another uid with setpriv), then puts each run's junit.xml,
# claims.json, claims.md, platform.json and log under <user>/ in one tarball in the results
# directory ($SONOBUOY_RESULTS_DIR, else $RESULTS_DIR, else /tmp/sonobuoy/results) and writes the
# tarball's path to the file "done" there, as the Sonobuoy worker expects. A run that produced no
# JUnit (the kit could not start) gets a JUnit with one failed test case saying so, so the
# results always reach Sonobuoy.
# Exit status: 0 every run passed; 1 a scenario failed; 2 a run produced no results.
# IPC_HOLD=1 sleeps after writing the results instead of exiting (a DaemonSet restarts a
# container that exits). Each run's IPC_TARGET is <node>-<user>: $NODE_NAME, else $IPC_TARGET, else the host name.
set -uo pipefail
kit=$(cd "$(dirname "$0")/../.." && pwd)
results=${SONOBUOY_RESULTS_DIR:-${RESULTS_DIR:-/tmp/sonobuoy/results}}
me=$(id -u)
users=${IPC_USERS:-$([ "$me" = 0 ] && echo "0 65534" || echo "$me")}
node=${NODE_NAME:-${IPC_TARGET:-$(hostname)}}

say() { echo "ipc-conformance plugin: $*"; }
label() { [ "$1" = 0 ] && echo root || echo "uid-$1"; }
xml() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }

mkdir -p "$results" || { say "cannot create the results directory $results"; exit 2; }
scratch=$(mktemp -d /tmp/ipc-conformance-plugin.XXXXXX)
chmod 711 "$scratch" # other users run under it
trap 'rm -rf "$scratch"' EXIT
stage=$scratch/stage
worst=0

for uid in $users; do
  name=$(label "$uid")
  work=$scratch/$name
  mkdir -p "$work/reports" "$work/build" "$work/home" "$stage/$name"
  # the image's compiled probe, fixtures and tools, so the run does not compile them again
  for part in manifest.json native fixtures tools; do
    [ -e "$kit/build/$part" ] && cp -a "$kit/build/$part" "$work/build/"
  done
  run=(env HOME="$work/home" npm_config_update_notifier=false IPC_REPORTS_DIR="$work/reports" IPC_BUILD_DIR="$work/build"
    IPC_TARGET="$node-$name" npm test -- "$@")
  if [ "$uid" != "$me" ]; then
    if [ "$me" != 0 ]; then say "cannot run as uid $uid when started as uid $me"; exit 2; fi
    chown -R "$uid:$uid" "$work"
    run=(setpriv --reuid="$uid" --regid="$uid" --clear-groups "${run[@]}")
  fi
  say "running the suite as $name on $node"
  (cd "$kit" && "${run[@]}") 2>&1 | tee "$stage/$name/run.log"
  rc=${PIPESTATUS[0]}
  for f in junit.xml claims.json claims.md platform.json; do
    [ -f "$work/reports/$f" ] && cp "$work/reports/$f" "$stage/$name/"
  done
  if [ -f "$stage/$name/junit.xml" ]; then
    [ "$rc" != 0 ] && [ "$worst" = 0 ] && worst=1
  else
    worst=2
    {
      echo '<?xml version="1.0"?>'
      echo "<testsuite name=\"ipc-conformance\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">"
      echo "  <testcase classname=\"ipc-conformance\" name=\"the suite runs as $name\">"
      echo "    <failure message=\"the run produced no results (exit $rc)\">$(tail -n 40 "$stage/$name/run.log" | xml)</failure>"
      echo "  </testcase>"
      echo "</testsuite>"
    } >"$stage/$name/junit.xml"
  fi
  say "as $name: exit $rc"
done

tarball=$results/ipc-conformance.tar.gz
tar -C "$stage" -czf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball" || { say "cannot write $tarball"; exit 2; }
printf '%s' "$tarball" >"$results/done"
say "results: $tarball (exit $worst)"
if [ "${IPC_HOLD:-0}" = 1 ]; then
  say "holding (IPC_HOLD=1) so the DaemonSet does not restart the container"
  trap - EXIT && rm -rf "$scratch"
  exec sleep infinity
fi
exit "$worst"
