"""Connecting to the shared studio database: DSN checks, schema versions, clear refusals.

Every failure is a ``StudioError`` with a message code; nothing here touches the local store.
"""

from __future__ import annotations

import atexit

from consent_app.errors import ConsentAppError
from consent_app.messages import define
from consent_app.studio import pg_migrations

MESSAGES = define({
    "studio.dsn_invalid": "the studio database address is not a PostgreSQL connection string: {reason}",
    "studio.unreachable": "cannot reach the studio database ({reason}); the station keeps working "
                          "offline and syncs when it is back",
    "studio.not_studio_db": "the database at {where} is not a consent_app studio database (it holds "
                            "other tables); give an empty database or the studio's own",
    "studio.empty_db": "the database at {where} holds no studio yet: create one with "
                       "`consent-app studio create DSN` at the founding station",
    "studio.other_studio": "the database at {where} belongs to another studio ({found}), not {expected}",
    "studio.db_taken": "the database at {where} already holds studio {found}: run `consent-app studio join "
                       "DSN` to add this station to it, or give an empty database to found a new studio",
    "studio.newer_schema": "the studio database has schema version {found}, newer than this app knows "
                           "({known}); update consent_app on this station",
})

#: How long a connection attempt may take before the station goes on offline.
CONNECT_TIMEOUT_S = 5


class StudioError(ConsentAppError):
    """The studio database cannot be used (unreachable, foreign, newer), or a sync was refused."""


def parse_dsn(dsn: str) -> dict[str, str]:
    """The DSN's parts (libpq's own parser); StudioError for anything it refuses."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(dsn)
    except Exception as exc:  # psycopg.ProgrammingError and friends
        raise StudioError(code="studio.dsn_invalid", reason=str(exc).splitlines()[0]) from None
    if not parts.get("host") and not parts.get("hostaddr") and not parts.get("dbname"):
        raise StudioError(code="studio.dsn_invalid", reason="it names no host and no database")
    return {k: str(v) for k, v in parts.items()}


def where(dsn: str) -> str:
    """host:port/dbname of a DSN, for messages (never the password)."""
    parts = parse_dsn(dsn)
    return f"{parts.get('host', 'localhost')}:{parts.get('port', '5432')}/{parts.get('dbname', '')}"


def connect(dsn: str):
    """An autocommit connection with a short timeout; StudioError when unreachable."""
    import psycopg

    parse_dsn(dsn)
    try:
        return psycopg.connect(dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.OperationalError as exc:
        raise StudioError(code="studio.unreachable", reason=failure_reason(exc)) from None


def failure_reason(exc: BaseException) -> str:
    """libpq's reason in one line: its first line says what failed ("... failed: Connection refused"),
    the lines after it are hints ("Is the server running on that host ...")."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def schema_state(conn) -> tuple[int, str] | None:
    """(version, studio id) of a studio database; None for an empty database; StudioError otherwise."""
    tables = {r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
    if not tables:
        return None
    if "studio_schema" not in tables:
        raise StudioError(code="studio.not_studio_db", where=_where_of(conn))
    row = conn.execute("SELECT version, studio FROM studio_schema WHERE id = 1").fetchone()
    if row is None:
        raise StudioError(code="studio.not_studio_db", where=_where_of(conn))
    return int(row[0]), str(row[1])


def _schema_row(conn) -> tuple[int, str]:
    row = conn.execute("SELECT version, studio FROM studio_schema WHERE id = 1").fetchone()
    if row is None:
        raise StudioError(code="studio.not_studio_db", where=_where_of(conn))
    return int(row[0]), str(row[1])


def _where_of(conn) -> str:
    info = conn.info
    return f"{info.host}:{info.port}/{info.dbname}"


def create_schema(conn, studio_id: str) -> None:
    """Make an empty database the studio's (all migrations, in one transaction)."""
    with conn.transaction():
        if schema_state(conn) is not None:
            raise StudioError(code="studio.other_studio", where=_where_of(conn), found="(already a studio)",
                              expected=studio_id)
        for migration in pg_migrations.all_versions():
            conn.execute(migration.SQL)
        conn.execute("INSERT INTO studio_schema (id, version, studio) VALUES (1, %s, %s)",
                     (pg_migrations.latest_version(), studio_id))


_OPEN: dict[tuple[str, str | None], object] = {}


def reused(dsn: str, studio_id: str | None):
    """A connection kept open between syncs of a long-running station (``sync --watch``, the console);
    checked once when made. ``forget`` drops it after any failure, so the next sync reconnects."""
    conn = _OPEN.get((dsn, studio_id))
    if conn is None or conn.closed or conn.broken:
        conn = open_studio(dsn, studio_id)
        _OPEN[(dsn, studio_id)] = conn
    else:
        import psycopg

        try:
            _check(conn, studio_id, quick=True)  # one small query: the schema may have moved on since
        except psycopg.Error:  # the server restarted or the link dropped: connect afresh
            forget(dsn, studio_id)
            return reused(dsn, studio_id)
        except BaseException:
            forget(dsn, studio_id)
            raise
    return conn


def close_all() -> None:
    """Close every kept connection (at exit, and between tests)."""
    for key in list(_OPEN):
        forget(*key)


atexit.register(close_all)


def forget(dsn: str, studio_id: str | None) -> None:
    conn = _OPEN.pop((dsn, studio_id), None)
    if conn is not None:
        conn.close()


def _check(conn, studio_id: str | None, *, quick: bool = False) -> int:
    """The schema version, after checking the database is this studio's and not newer than the app.

    ``quick`` (a kept connection, checked in full when it was made): only the ``studio_schema`` row is
    read, not the catalogue; a database that lost the table fails the query and is connected and checked
    in full again."""
    state = schema_state(conn) if not quick else _schema_row(conn)
    if state is None:
        raise StudioError(code="studio.empty_db", where=_where_of(conn))
    version, found = state
    if studio_id is not None and found != studio_id:
        raise StudioError(code="studio.other_studio", where=_where_of(conn), found=found, expected=studio_id)
    latest = pg_migrations.latest_version()
    if version > latest:
        raise StudioError(code="studio.newer_schema", found=version, known=latest)
    return version


def open_studio(dsn: str, studio_id: str | None):
    """Connect and check that the database is this studio's (upgrading an older schema)."""
    conn = connect(dsn)
    try:
        version = _check(conn, studio_id)
        latest = pg_migrations.latest_version()
        if version < latest:
            with conn.transaction():
                for migration in pg_migrations.all_versions()[version:]:
                    conn.execute(migration.SQL)
                conn.execute("UPDATE studio_schema SET version = %s WHERE id = 1", (latest,))
    except BaseException:
        conn.close()
        raise
    return conn
