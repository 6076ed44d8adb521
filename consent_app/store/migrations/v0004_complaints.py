"""The complaint register (complaints, attachments, signed workflow events, trace links, actions),
the record of duty runs, and the ``duty`` staff role (runs scheduled duties and nothing else).

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 4
DESCRIPTION = "complaint register, duty runs and the duty staff role"

SCHEMA = """
CREATE TABLE complaints (
    id TEXT PRIMARY KEY,            -- uuid
    received_at TEXT NOT NULL,
    channel TEXT NOT NULL,          -- staff / web_form / email
    complainant_role TEXT NOT NULL CHECK (complainant_role IN ('subject', 'third_party', 'tool_maker')),
    contact TEXT NOT NULL,          -- identifying: bound to the intake by a salted commitment only
    contact_salt BLOB NOT NULL,
    claim TEXT NOT NULL CHECK (claim IN ('no_consent', 'beyond_scope', 'after_withdrawal', 'unmarked',
                                         'prohibited_use', 'other')),
    url TEXT,
    subject_id TEXT,
    consent_id TEXT,
    note TEXT NOT NULL,
    intake TEXT NOT NULL,           -- RFC 8785 JSON of the signed intake
    intake_hash TEXT NOT NULL,
    kid TEXT NOT NULL REFERENCES signing_keys(kid),
    signature TEXT NOT NULL,
    state TEXT NOT NULL,            -- cache of the signed events' outcome, checked on every read
    created_by TEXT NOT NULL
);
CREATE INDEX complaints_state ON complaints(state);

CREATE TABLE complaint_media (
    id TEXT PRIMARY KEY,
    complaint_id TEXT NOT NULL REFERENCES complaints(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,             -- image / video / audio
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,             -- inside the encrypted database, never a loose file
    created_at TEXT NOT NULL
);
CREATE INDEX complaint_media_complaint ON complaint_media(complaint_id);

CREATE TABLE complaint_events (
    id TEXT PRIMARY KEY,
    complaint_id TEXT NOT NULL REFERENCES complaints(id),
    seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    at TEXT NOT NULL,
    staff TEXT NOT NULL,
    body TEXT NOT NULL,             -- RFC 8785 JSON of the signed event
    body_hash TEXT NOT NULL,
    kid TEXT NOT NULL REFERENCES signing_keys(kid),
    signature TEXT NOT NULL,
    UNIQUE (complaint_id, seq)
);

CREATE TABLE complaint_links (
    id TEXT PRIMARY KEY,
    complaint_id TEXT NOT NULL REFERENCES complaints(id),
    media_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('subject', 'consent', 'token', 'tool', 'usage_receipt')),
    target TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('trace', 'staff')),
    evidence TEXT NOT NULL,         -- canonical JSON: what the trace found
    status TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'rejected')),
    created_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT
);
CREATE INDEX complaint_links_complaint ON complaint_links(complaint_id);

CREATE TABLE complaint_actions (
    id TEXT PRIMARY KEY,
    complaint_id TEXT NOT NULL REFERENCES complaints(id),
    kind TEXT NOT NULL,             -- withdrawal / token_revocation / tool_revocation / refutation
    target TEXT NOT NULL,
    at TEXT NOT NULL,
    staff TEXT NOT NULL,
    details TEXT NOT NULL           -- canonical JSON
);
CREATE INDEX complaint_actions_complaint ON complaint_actions(complaint_id);

CREATE TABLE duty_runs (
    id INTEGER PRIMARY KEY,
    duty TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    detail TEXT NOT NULL,           -- canonical JSON (paths written, counts, or the failure)
    actor TEXT NOT NULL
);
CREATE INDEX duty_runs_duty ON duty_runs(duty, id);

CREATE TRIGGER complaints_intake_frozen
BEFORE UPDATE OF intake, intake_hash, kid, signature, received_at, claim, complainant_role ON complaints
BEGIN SELECT RAISE(ABORT, 'a signed complaint intake cannot be changed'); END;
CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
BEGIN SELECT RAISE(ABORT, 'complaints are kept'); END;
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;
CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events
BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;
CREATE TRIGGER complaint_media_no_update BEFORE UPDATE ON complaint_media
BEGIN SELECT RAISE(ABORT, 'complaint attachments cannot be changed'); END;
CREATE TRIGGER complaint_actions_no_update BEFORE UPDATE ON complaint_actions
BEGIN SELECT RAISE(ABORT, 'complaint actions are append-only'); END;
CREATE TRIGGER complaint_actions_no_delete BEFORE DELETE ON complaint_actions
BEGIN SELECT RAISE(ABORT, 'complaint actions are append-only'); END;
CREATE TRIGGER duty_runs_no_update BEFORE UPDATE ON duty_runs
BEGIN SELECT RAISE(ABORT, 'duty runs are append-only'); END;
"""


STAFF_WITH_DUTY_ROLE = """
CREATE TABLE staff_v4 (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'duty')),
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    last_login_at TEXT
);
INSERT INTO staff_v4 (id, username, display_name, role, password_hash, failed_logins, locked_until, active,
                      created_at, last_login_at)
SELECT id, username, display_name, role, password_hash, failed_logins, locked_until, active, created_at,
       last_login_at FROM staff;
DROP TABLE staff;
ALTER TABLE staff_v4 RENAME TO staff
"""


def upgrade(conn) -> None:
    for statement in (SCHEMA + ";\n" + STAFF_WITH_DUTY_ROLE).split(";\n"):
        if statement.strip():
            conn.execute(statement)
