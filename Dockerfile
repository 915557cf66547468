# Dockerfile - one image for every orderd process (serve, worker, scheduler,
# migrate, createadmin); docker-compose.yml picks the command.
#
# Stage 1 builds with the Debian -dev packages; stage 2 holds only the
# shared libraries, the binary and migrations/, and runs as a non-root user.

FROM debian:12 AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential pkg-config re2c \
      libmicrohttpd-dev libpq-dev libhiredis-dev libjansson-dev libjwt-dev libcrypt-dev \
      libpg-query-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make -j"$(nproc)" build

FROM debian:12-slim
ENV DEBIAN_FRONTEND=noninteractive
# curl is only for the container health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libmicrohttpd12 libpq5 libhiredis0.14 libjansson4 libjwt0 libcrypt1 \
      ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin orderd
WORKDIR /app
COPY --from=build /src/build/orderd /usr/local/bin/orderd
COPY --from=build /src/migrations /app/migrations
USER orderd
ENV HOST=0.0.0.0 \
    PORT=8000 \
    MIGRATIONS_DIR=/app/migrations \
    ENV_FILE=/app/.env
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/healthz" >/dev/null || exit 1
ENTRYPOINT ["orderd"]
CMD ["serve"]
