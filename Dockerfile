# The kit in a container: `docker build -t ipc-conformance .` then
# `docker run --rm ipc-conformance` (add --ipc=private, --security-opt
# seccomp=..., --user 1000 or a small --shm-size to test those settings).
# BASE: any Debian-based image with Node >= 20 and npm, and a user "node" (the
# official node images have one). `npm run targets` builds it with a base made
# locally from Debian's packages: --build-arg BASE=localhost/ipcc-targets-bookworm-node24.
ARG BASE=node:20-bookworm-slim
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc g++ libc6-dev lsof procps util-linux \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /kit
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && chown -R node:node /kit
USER node
ENV IPC_TARGET=container
CMD ["npm", "test"]
