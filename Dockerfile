# Dockerfile - one image for every orderd process (serve, worker, scheduler,
# migrate, createadmin); docker-compose.yml picks the command.
#
# Stage 1 builds with the Debian -dev packages (and node + npm for Swagger
# UI and the console, whose build needs web/'s dev packages: esbuild,
# TypeScript, openapi-typescript); stage 2 holds only the shared libraries,
# the binary, migrations/, the files of /api/docs/ and the built console
# (/console/), and runs as a non-root user.

FROM debian:12 AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential pkg-config re2c nodejs npm \
      libmicrohttpd-dev libpq-dev libhiredis-dev libjansson-dev libjwt-dev libcrypt-dev \
      libpg-query-dev libcurl4-openssl-dev libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cd web && npm ci --ignore-scripts --no-audit --no-fund \
 && cd .. && make -j"$(nproc)" build \
 && test -f build/console/console.manifest

FROM debian:12-slim
ENV DEBIAN_FRONTEND=noninteractive
# curl is only for the container health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libmicrohttpd12 libpq5 libhiredis0.14 libjansson4 libjwt0 libcrypt1 libcurl4 libssl3 \
      ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin orderd
WORKDIR /app
COPY --from=build /src/build/orderd /usr/local/bin/orderd
COPY --from=build /src/migrations /app/migrations
# /api/docs/: our initializer and Swagger UI (DOCS_DIR=/app/web).
COPY --from=build /src/web/swagger-initializer.js /app/web/swagger-initializer.js
COPY --from=build /src/web/node_modules/swagger-ui-dist /app/web/node_modules/swagger-ui-dist
COPY --from=build /src/web/docs.manifest /app/web/docs.manifest
# /console/: the staff console, built above (CONSOLE_DIR=/app/console).
COPY --from=build /src/build/console /app/console
USER orderd
ENV HOST=0.0.0.0 \
    PORT=8000 \
    MIGRATIONS_DIR=/app/migrations \
    DOCS_DIR=/app/web \
    CONSOLE_DIR=/app/console \
    ENV_FILE=/app/.env
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/healthz" >/dev/null || exit 1
ENTRYPOINT ["orderd"]
CMD ["serve"]
