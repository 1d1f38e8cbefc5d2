#!/bin/sh
# Records a target's run (reports/targets/NAME) as a small test sample: its
# platform.json, its claims.json trimmed to a few claims, its console's last lines.
set -eu
name=$1; shift
src=reports/targets/$name; dst=test/data/targets/$name
mkdir -p "$dst"
cp "$src/platform.json" "$dst/"
node -e '
const [src, dst, ...ids] = process.argv.slice(1);
const j = JSON.parse(require("fs").readFileSync(src + "/claims.json", "utf8"));
j.claims = j.claims.filter((c) => ids.includes(c.id));
require("fs").writeFileSync(dst + "/claims.json", JSON.stringify(j, null, 2) + "\n");
' "$src" "$dst" "$@"
tail -n 3 "$src/console.log" > "$dst/console.log"
