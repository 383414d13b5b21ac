# syntax=docker/dockerfile:1
# sagemaker-vpc bot image: `docker build -t sagemaker-vpc .`
# Run exactly one replica (SQLite state in DATA_DIR on local disk, never a network filesystem).
# Secrets (SLACK_BOT_TOKEN, SLACK_APP_TOKEN or SLACK_SIGNING_SECRET) and AWS credentials come from
# the environment at run time, never from the image. Checked by test/deploy/dockerfile.test.ts.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NODE_BUILD_IMAGE=node:20-bookworm

# ---- build: dev dependencies, TypeScript → dist/ ----
FROM ${NODE_BUILD_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` (tsc) needs the sources, which come next; nothing native is needed to compile.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- deps: production dependencies only, native modules built for this Node and libc ----
FROM ${NODE_BUILD_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm ci --omit=dev` would still run `prepare` (tsc, a dev dependency): skip scripts, then build
# the one native module the runtime needs.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 \
 && npm cache clean --force

# ---- runtime: slim image, non-root, no compilers ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json iam-policy.json manifest.yml ./
# The code stays root-owned and read-only to the bot; only DATA_DIR is writable.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# GET /healthz: 200 in HTTP mode, and in Socket Mode only while the WebSocket is connected.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/app/main.js"]
