# The kit in a container: `docker build -t ipc-conformance .` then
# `docker run --rm ipc-conformance` (add --ipc=private, --security-opt
# seccomp=..., --user 1000 or a small --shm-size to test those settings).
# BASE is any Debian/Ubuntu image with Node.js >= 22.12 and npm; without a
# registry, kit/tools/local-base-image.sh builds one (then --build-arg
# BASE=localhost/ipcc-bookworm-node24). deploy/kubernetes/ runs this image on
# every node of a cluster (deploy/kubernetes/plugin-entrypoint.sh); `npm run targets`
# builds it on that same local base.
ARG BASE=node:24-bookworm-slim
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc g++ libc6-dev lsof procps util-linux man-db manpages-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /kit
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && chown -R node:node /kit
USER node
ENV IPC_TARGET=container
CMD ["npm", "test"]
