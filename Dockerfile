# Production image: gunicorn serving the app; expects DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS.
FROM python:3.11-slim AS basis

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# pango and a font for the printable welzijnsgids (WeasyPrint).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

COPY . .

# collectstatic needs settings, not a database: give it throw-away values for the build only.
RUN DEBUG=0 SECRET_KEY=alleen-voor-de-build ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build:build@localhost:5432/build \
    python manage.py collectstatic --noinput

# /app/backups: where `manage.py backup` writes (a volume in compose.yaml inherits this owner).
RUN useradd --system --uid 1000 --home /app sociale-kaart && mkdir -p /app/backups && chown -R sociale-kaart /app
USER sociale-kaart

# JSON logs on stderr with a request id (sociale_kaart/logboek.py). No gunicorn access log: its lines
# carry the query string, and searches for a person's name travel there; the app logs each request
# without it.
ENV DEBUG=0 PORT=8000 LOG_FORMAT=json BACKUP_DIR=/app/backups
EXPOSE 8000
CMD ["sh", "-c", "exec gunicorn sociale_kaart.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --graceful-timeout 20"]
