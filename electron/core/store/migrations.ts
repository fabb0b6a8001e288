/**
 * Numbered migrations, applied in order inside one transaction each. Never edit a released one:
 * append a new number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'pipeline runs',
    sql: `
      CREATE TABLE pipeline_runs (
        id TEXT PRIMARY KEY NOT NULL,
        pipeline TEXT NOT NULL,
        file TEXT,
        spec TEXT NOT NULL,
        state TEXT NOT NULL,
        use_cache INTEGER NOT NULL DEFAULT 1,
        owner_pid INTEGER,
        cancel_requested TEXT,
        message TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX pipeline_runs_by_state ON pipeline_runs (state);
      CREATE TABLE run_params (
        run_id TEXT NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, name)
      ) STRICT;
      CREATE TABLE run_steps (
        run_id TEXT NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        position INTEGER NOT NULL,
        state TEXT NOT NULL,
        message TEXT,
        image_digest TEXT,
        cache_key TEXT,
        cache_fields TEXT,
        cache_decision TEXT,
        started_at TEXT,
        finished_at TEXT,
        PRIMARY KEY (run_id, step)
      ) STRICT;
      CREATE TABLE step_attempts (
        run_id TEXT NOT NULL,
        step TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        state TEXT NOT NULL,
        container_id TEXT,
        exit_code INTEGER,
        oom_killed INTEGER NOT NULL DEFAULT 0,
        reason TEXT,
        log_path TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        PRIMARY KEY (run_id, step, attempt),
        FOREIGN KEY (run_id, step) REFERENCES run_steps (run_id, step) ON DELETE CASCADE
      ) STRICT;
      CREATE TABLE step_outputs (
        run_id TEXT NOT NULL,
        step TEXT NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, step, name),
        FOREIGN KEY (run_id, step) REFERENCES run_steps (run_id, step) ON DELETE CASCADE
      ) STRICT;
      CREATE TABLE step_metrics (
        run_id TEXT NOT NULL,
        step TEXT NOT NULL,
        name TEXT NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (run_id, step, name),
        FOREIGN KEY (run_id, step) REFERENCES run_steps (run_id, step) ON DELETE CASCADE
      ) STRICT;
      CREATE TABLE step_artifacts (
        run_id TEXT NOT NULL,
        step TEXT NOT NULL,
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (run_id, step, name),
        FOREIGN KEY (run_id, step) REFERENCES run_steps (run_id, step) ON DELETE CASCADE
      ) STRICT;
      CREATE TABLE cache_entries (
        key TEXT PRIMARY KEY NOT NULL,
        pipeline TEXT NOT NULL,
        step TEXT NOT NULL,
        run_id TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cache_entries_by_step ON cache_entries (pipeline, step);
    `,
  },
  {
    version: 3,
    name: 'pipeline schedules',
    sql: `
      CREATE TABLE schedules (
        pipeline TEXT PRIMARY KEY NOT NULL,
        file TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        last_tick TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE schedule_runs (
        run_id TEXT PRIMARY KEY NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
        pipeline TEXT NOT NULL,
        tick TEXT NOT NULL,
        UNIQUE (pipeline, tick)
      ) STRICT;
    `,
  },
];
