"""gunicorn settings for Render and the CI smoke test (scripts/smoke_production.py):

    gunicorn smartshop.wsgi:application -c gunicorn.conf.py

Environment: PORT (Render sets it; default 10000), WEB_CONCURRENCY (worker processes,
default 2), GUNICORN_TIMEOUT (seconds, default 30), LOG_LEVEL (as for Django).
"""

import logging
import os
import sys

# Render routes traffic to 0.0.0.0:$PORT inside the instance; 10000 is its default PORT.
bind = f"0.0.0.0:{os.environ.get('PORT', '10000')}"

# Sync workers: every request is short. AI drafts never run in a web worker with
# TASKS_BACKEND=database (the db_worker service writes them), so a request that takes longer
# than `timeout` is stuck, and gunicorn replaces that worker.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (a deploy or scale-down) workers get this long to finish in-flight requests;
# Render waits 30 s by default before it kills the instance. An idle worker stops at once, and
# a worker exits within SENTRY_FLUSH_SECONDS of its last request even when Sentry's ingest
# hangs or refuses (worker_exit below; measured by scripts/cluster.py).
graceful_timeout = 25
keepalive = 5
# Recycle workers now and then (staggered) so a slow leak never builds up.
# GUNICORN_MAX_REQUESTS=0 turns it off (the load benchmark does, to measure steady state).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
# Each worker imports Django itself: simpler, and the Sentry SDK starts after the fork.
preload_app = False
# No gunicornc control socket (it would live in $HOME): Render manages the process.
control_socket_disable = True

# Logs to stdout/stderr (Render collects both), with tokens and e-mail addresses removed.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logger_class = "monitoring.access_log.ScrubbingLogger"
# One line per request: method, path and query (scrubbed), status, bytes, time, the referring
# page (scrubbed) and the user agent. No client IP, no other headers.
access_log_format = '"%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'


# Seconds a stopping worker gives Sentry to take the events it still holds. A hung or refusing
# ingest server must not hold up a deploy.
SENTRY_FLUSH_SECONDS = 2


def _sentry_flush() -> None:
    from monitoring.api import flush  # Sentry code lives in monitoring/

    flush(timeout=SENTRY_FLUSH_SECONDS)


def worker_exit(server, worker) -> None:
    """A worker is going away (SIGTERM, max_requests, reload): send what Sentry still holds,
    close its database connections, and end the process there. Its requests are answered by
    now; the interpreter's own teardown (every module freed, and the SDK's exit flush waiting
    on a hung ingest once more) took seconds of CPU on a busy machine and bought nothing.
    A worker that failed to boot or was aborted exits the usual way, with its status."""
    _sentry_flush()
    if not getattr(worker, "booted", False) or getattr(worker, "aborted", False):
        return
    from django.db import connections

    connections.close_all()
    logging.shutdown()  # flushes every handler
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def worker_abort(worker) -> None:
    """The worker hit `timeout` and is being aborted: keep the events it already captured."""
    if worker is not None:
        worker.aborted = True  # worker_exit runs next: exit the usual way, with status 1
    _sentry_flush()
