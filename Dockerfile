# The Gongjian API. With docker compose it talks to Neo4j; alone it runs the embedded engine.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    GONGJIAN_HOST=0.0.0.0 GONGJIAN_PORT=8000 GONGJIAN_DATA_DIR=/data/graph

WORKDIR /app
COPY constraints.txt pyproject.toml README.md ./
COPY gongjian ./gongjian
COPY graph ./graph
COPY api ./api
COPY importers ./importers
COPY queries ./queries
RUN pip install -c constraints.txt . \
 && useradd --system --uid 10001 --home /app gongjian \
 && mkdir -p /data && chown gongjian /data

USER gongjian
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)" || exit 1
CMD ["sh", "-c", "gongjian db init && gongjian demo load --scale district --if-empty && exec gongjian serve"]
