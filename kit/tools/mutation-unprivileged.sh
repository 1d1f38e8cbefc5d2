#!/usr/bin/env bash
# npm run mutation:unprivileged — the errno steps' mutation run as uid 65534.
# The errno cases only an unprivileged caller reaches (a capability lets root past the check: the
# case's `bypassedBy`) skip in a root run, so Stryker finds their code uncovered there. As root,
# this runs Stryker over steps/errors/ and steps/support/fixture-batch.ts a second time as uid
# 65534, in a copy of the project that uid owns, and keeps its report in
# reports/mutation/unprivileged/; `npm run mutation:score` counts a mutant detected when any run
# detected it. Run by an unprivileged user, it has nothing to add (that user's steps run covers it).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$(id -u)" != 0 ]; then
  echo "mutation:unprivileged: this run is already unprivileged (uid $(id -u)); nothing to add"
  exit 0
fi
command -v setpriv >/dev/null || { echo "ipc-conformance: mutation:unprivileged needs setpriv (Debian: util-linux)" >&2; exit 2; }
[ -f build/manifest.json ] || { echo "ipc-conformance: the fixtures are not built: run npm run build first" >&2; exit 2; }

scratch=$(mktemp -d /tmp/ipcc-mutation-unprivileged.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
# the project without its outputs and caches; node_modules is shared (read only), not copied
mkdir "$scratch/kit" "$scratch/home"
tar --exclude=./.git --exclude=./reports --exclude=./node_modules --exclude=./build/targets --exclude=./build/base-image --exclude=./.ci -cf - . \
  | tar -C "$scratch/kit" -xf -
ln -s "$PWD/node_modules" "$scratch/kit/node_modules"
chmod 0755 "$scratch"
chown -R 65534:65534 "$scratch/kit" "$scratch/home"

echo "mutation:unprivileged: the errno steps, as uid 65534 (in $scratch/kit)"
(cd "$scratch/kit" && setpriv --reuid=65534 --regid=65534 --clear-groups \
  env HOME="$scratch/home" npm_config_update_notifier=false IPC_EXPECTED_SKIPS="$scratch/kit/reports/mutation/expected-skips.json" \
  sh -c 'node -r ts-node/register/transpile-only kit/mutation-baseline.ts &&
    npx stryker run --mutate "steps/errors/**/*.ts,steps/support/fixture-batch.ts" --incrementalFile reports/mutation/unprivileged-incremental.json')
mkdir -p reports/mutation/unprivileged
cp "$scratch/kit/reports/mutation/mutation.json" reports/mutation/unprivileged/mutation.json
cp "$scratch/kit/reports/mutation/mutation.html" reports/mutation/unprivileged/mutation.html
cp "$scratch/kit/reports/mutation/mutants.ndjson" reports/mutation/unprivileged/mutants.ndjson
echo "mutation:unprivileged: reports/mutation/unprivileged/mutation.json"
