# syntax=docker/dockerfile:1
# Portico's container image (docs/kubernetes.md). Three stages: `build` installs every dependency and builds the
# portal web app with Vite; `prod-deps` installs only the runtime dependencies (npm ci --omit=dev); the final stage
# holds the sources, the built web app and the runtime dependencies, and runs as a non-root user. Nothing is written
# outside the state directory (a volume) and /tmp, so the image runs with a read-only root filesystem.

FROM node:24.21.0-bookworm-slim AS build
WORKDIR /src
# Native addons in the dependency tree (tree-sitter, pulled in by swagger-ui) compile with these when npm runs their
# install scripts (npm 11 runs only the allowed ones: package.json allowScripts).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci --no-audit --no-fund && node packages/portal-ui/server/build-if-stale.ts

FROM node:24.21.0-bookworm-slim AS prod-deps
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24.21.0-bookworm-slim
WORKDIR /app
# glibc malloc: one arena for the primary too (its worker threads — translation, feeds, counters — each had an arena
# of their own): idle `portico up` primary 464–465 → 406–409 MiB RSS. The gateway workers get the same from
# `portico up` itself (PORTICO_WORKER_MALLOC_ENV; docs/data-plane.md, "Malloc arenas").
ENV MALLOC_ARENA_MAX=1
ENV NODE_ENV=production \
    PORTICO_STATE_DIR=/var/lib/portico \
    PORTICO_GATEWAY_HOST=0.0.0.0 \
    PORTICO_ADMIN_HOST=0.0.0.0 \
    PORTICO_KUBE_API_HOST=0.0.0.0
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=prod-deps /src/package.json /src/package-lock.json ./
COPY --from=prod-deps /src/packages ./packages
COPY --from=build /src/packages/portal-ui/dist ./packages/portal-ui/dist
COPY --from=prod-deps /src/examples ./examples
# A numeric non-root user (Kubernetes' runAsNonRoot can only verify a numeric one); it owns only the state directory.
RUN groupadd --system --gid 10001 portico && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/portico --shell /usr/sbin/nologin portico \
    && mkdir -p /var/lib/portico && chown 10001:10001 /var/lib/portico
USER 10001:10001
VOLUME ["/var/lib/portico"]
EXPOSE 8080 9900 6443
ENTRYPOINT ["node", "packages/cli/src/main.ts"]
CMD ["up", "--no-demo", "--no-idp"]
