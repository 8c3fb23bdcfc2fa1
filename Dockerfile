# The Doelpoort gateway as a container image. Build: docker build -t doelpoort .
# The same image runs the synthetic partners (deploy/compose.yaml); a partner's own subgraph is its own image.
# Debian (glibc), not Alpine (musl): the query planner's native addon ships glibc binaries only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
# npm ci builds the web app and the kit (prepare); then only what runs stays.
RUN npm ci && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DOELPOORT_HOST=0.0.0.0 \
    DOELPOORT_PORT=4000 \
    DOELPOORT_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 4000
# node itself, not npm: SIGTERM from the orchestrator reaches the gateway, which drains and stops
# (docs/operations.md). Run with an init (compose: init: true) so that node is not PID 1.
ENTRYPOINT ["node", "--max-semi-space-size=32", "--import", "tsx", "scripts/start.ts"]
