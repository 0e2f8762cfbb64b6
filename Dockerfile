# syntax=docker/dockerfile:1
# Legislink service image.
#   docker build -t legislink .
#   docker run --rm -p 3000:3000 -v legislink-data:/app/data legislink
# The same base image is used for both stages so that the better-sqlite3 native
# addon compiled in the build stage matches the runtime's glibc and Node ABI.
ARG NODE_IMAGE=node:20-bookworm-slim

# ----------------------------------------------------------------------------- build
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Toolchain for node-gyp (better-sqlite3 builds from source when no prebuilt binary fits).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*

ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# Dependencies first, so this layer is reused when only the sources change.
COPY package.json package-lock.json ./
RUN npm ci

COPY . .
RUN npm run build \
 && test -f dist/src/main.js \
 && npm run web:build \
 && test -f web/dist/index.html \
 && npm prune --omit=dev

# ----------------------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app

ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    SQLITE_PATH=/app/data/legislink.sqlite

# The `node` user (uid 1000) ships with the official Node images. /app/data is created
# and owned by it so a fresh named volume mounted there inherits that ownership.
RUN mkdir -p /app/data && chown node:node /app/data

COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The web UI, served at / (WEB_ROOT defaults to ./web/dist).
COPY --from=build --chown=node:node /app/web/dist ./web/dist

USER node
VOLUME ["/app/data"]
EXPOSE 3000

# No curl in the slim image: use Node's built-in fetch.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/src/main.js"]
