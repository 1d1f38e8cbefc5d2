/**
 * The cleanup audit: runs the scenarios that create IPC objects, interrupts the
 * run with SIGINT at random moments, and checks that nothing of the kit's
 * survives: no SysV object, no /dev/shm name, no message queue, no temp dir,
 * FIFO or socket file, no process. Each trial runs in private IPC, mount and
 * PID namespaces with its own /dev/shm, /dev/mqueue and TMPDIR, so whatever is
 * left there is the kit's and nothing else on the host is ever touched.
 * (Node's own v8-compile-cache folder in TMPDIR is not the kit's.)
 * Needs the privilege to create namespaces (root in CI); skips, saying so, elsewhere.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import { root } from '../kit/paths';

const TAGS = '@mechanism:sysv-msg or @mechanism:sysv-sem or @mechanism:sysv-shm or @mechanism:posix-shm or @mechanism:posix-mq or @mechanism:fifo or @mechanism:unix-socket or @mechanism:pipe';
const canIsolate = spawnSync('unshare', ['--ipc', '--mount', '--propagation', 'private', '--', 'mount', '-t', 'tmpfs', 'tmpfs', '/mnt'], { stdio: 'ignore' }).status === 0;

/**
 * One trial, as a shell script run inside the namespaces: start cucumber in its
 * own process group, interrupt it after `delay` seconds (the sleep picks the
 * moment to interrupt; it synchronises nothing), wait for it, then list what is left.
 */
function trial(delay: string): { left: string; interrupted: boolean } {
  const script = `
set -u
mount -t tmpfs -o size=64m,mode=1777 tmpfs /dev/shm
mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue
export TMPDIR=$(mktemp -d /dev/shm/audit-tmp.XXXXXX); chmod 1777 "$TMPDIR"
export IPC_REPORTS_DIR="$TMPDIR/../audit-reports"
setsid node -r ts-node/register/transpile-only node_modules/@cucumber/cucumber/bin/cucumber.js --tags "$1" --format summary >/dev/null 2>&1 &
pid=$!
sleep "$2"
kill -INT -- -"$pid" 2>/dev/null && echo "interrupted" >&2
wait "$pid"
fixtures() { for p in /proc/[0-9]*; do readlink "$p/exe"; done 2>/dev/null | grep -c "/build/fixtures/"; }
for i in $(seq 50); do [ "$(fixtures)" = 0 ] && break; sleep 0.1; done   # killed fixtures may take a moment to be reaped
echo "sysv: $(ipcs -q -s -m | grep -cE '^0x')"
echo "dev-shm: $(ls -A /dev/shm | grep -v -e '^audit-tmp' -e '^audit-reports' | tr '\\n' ' ')"
echo "mqueue: $(ls -A /dev/mqueue | tr '\\n' ' ')"
echo "tmp: $(ls -A "$TMPDIR" | grep -v '^v8-compile-cache' | tr '\\n' ' ')"
echo "processes: $(fixtures)"
`;
  const r = spawnSync('unshare', ['--ipc', '--mount', '--propagation', 'private', '--pid', '--fork', '--mount-proc', '--', 'bash', '-c', script, 'audit', TAGS, delay],
    { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { left: r.stdout.trim(), interrupted: r.stderr.includes('interrupted') };
}

test('after SIGINT at random moments, nothing of the kit\'s is left', { skip: canIsolate ? false : 'creating IPC and mount namespaces needs CAP_SYS_ADMIN here' }, () => {
  const delays = [1.5, 2.5, 3.5, 4.5].map((d) => (d + randomInt(0, 1000) / 1000).toFixed(2));
  for (const delay of delays) {
    const { left, interrupted } = trial(delay);
    assert.equal(left, 'sysv: 0\ndev-shm: \nmqueue: \ntmp: \nprocesses: 0', `after SIGINT at ${delay} s${interrupted ? '' : ' (the run had already ended)'}:\n${left}`);
  }
});
