// SQLite schema of the embedded store. One row per resource; a change log (the watch history) written in the
// same transaction as the resource row, so a crash can never leave one without the other.
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resources (
  kind TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  api_version TEXT NOT NULL,
  uid TEXT NOT NULL,
  generation INTEGER NOT NULL,
  resource_version INTEGER NOT NULL,
  creation_timestamp TEXT NOT NULL,
  labels TEXT NOT NULL,
  annotations TEXT NOT NULL,
  body TEXT NOT NULL,          -- JSON: {spec} or {data, type}
  status TEXT,                 -- JSON or NULL
  PRIMARY KEY (kind, namespace, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes (
  revision INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  status_only INTEGER NOT NULL,
  object TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
  type TEXT NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL,
  count INTEGER NOT NULL, first_timestamp TEXT NOT NULL, last_timestamp TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_object ON events (kind, namespace, name);
`;

/** Change-log rows kept for watch replay; older ones are compacted away. */
export const CHANGE_LOG_LIMIT = 10_000;
/** Events kept per resource. */
export const EVENTS_PER_OBJECT = 50;
