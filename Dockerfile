# Tumbler KMIP server image: Node 20 on Debian bookworm-slim, SoftHSM2 from Debian, non-root user.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY spec ./spec
COPY conformance ./conformance
COPY scripts ./scripts
COPY bin ./bin
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends softhsm2 ca-certificates tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system tumbler && useradd --system --gid tumbler --home-dir /var/lib/tumbler tumbler \
 && mkdir -p /var/lib/tumbler && chown tumbler:tumbler /var/lib/tumbler
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY package.json ./
ENV NODE_ENV=production TUMBLER_DIR=/var/lib/tumbler
USER tumbler
VOLUME ["/var/lib/tumbler"]
EXPOSE 5696
# A real KMIP Query over mutual TLS with the server directory's admin client certificate.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "bin/tumbler.js", "health", "--dir", "/var/lib/tumbler"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# First start initialises the directory (CA, server and admin client certificates, SoftHSM2 token, database).
CMD ["node", "bin/tumbler.js", "serve", "--dir", "/var/lib/tumbler", "--init", "--host", "0.0.0.0"]
