import { RUN_NAME_ADJECTIVES, RUN_NAME_NOUNS } from '../../../shared/pipeline/run-name.ts';

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
  {
    version: 4,
    name: 'catalog: content-addressed files, registered models, versions, aliases, features, lineage',
    sql: `
      CREATE TABLE catalog_blobs (
        digest TEXT PRIMARY KEY NOT NULL,
        size INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE catalog_trees (
        digest TEXT PRIMARY KEY NOT NULL,
        file_count INTEGER NOT NULL,
        total_size INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE catalog_tree_entries (
        tree_digest TEXT NOT NULL REFERENCES catalog_trees (digest) ON DELETE CASCADE,
        path TEXT NOT NULL,
        blob_digest TEXT NOT NULL REFERENCES catalog_blobs (digest),
        size INTEGER NOT NULL,
        mode INTEGER NOT NULL,
        PRIMARY KEY (tree_digest, path)
      ) STRICT;
      CREATE INDEX catalog_tree_entries_by_blob ON catalog_tree_entries (blob_digest);
      CREATE TABLE catalog_artifact_roots (
        owner_kind TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        tree_digest TEXT NOT NULL REFERENCES catalog_trees (digest),
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        PRIMARY KEY (owner_kind, owner_id)
      ) STRICT;
      CREATE TABLE registered_models (
        name TEXT PRIMARY KEY NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER
      ) STRICT;
      CREATE TABLE registered_model_tags (
        name TEXT NOT NULL REFERENCES registered_models (name) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (name, key)
      ) STRICT;
      CREATE TABLE model_versions (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL REFERENCES registered_models (name) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        source_type TEXT NOT NULL,
        source_uri TEXT,
        run_id TEXT,
        step TEXT,
        attempt INTEGER,
        image_digest TEXT,
        flavor TEXT,
        signature TEXT,
        tree_digest TEXT REFERENCES catalog_trees (digest),
        file_count INTEGER NOT NULL DEFAULT 0,
        size_bytes INTEGER NOT NULL DEFAULT 0,
        external_id TEXT UNIQUE,
        status TEXT NOT NULL DEFAULT 'READY',
        user_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        UNIQUE (name, version)
      ) STRICT;
      CREATE INDEX model_versions_by_run ON model_versions (run_id, tree_digest);
      CREATE INDEX model_versions_by_tree ON model_versions (tree_digest);
      CREATE INDEX model_versions_live ON model_versions (deleted_at, name, version);
      CREATE INDEX model_versions_by_created ON model_versions (deleted_at, created_at, id);
      CREATE TABLE model_version_tags (
        version_id INTEGER NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (version_id, key)
      ) STRICT;
      CREATE INDEX model_version_tags_by_key ON model_version_tags (key, value);
      CREATE TABLE model_version_metrics (
        version_id INTEGER NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value REAL,
        PRIMARY KEY (version_id, key)
      ) STRICT;
      CREATE INDEX model_version_metrics_by_key ON model_version_metrics (key, value);
      CREATE TABLE model_version_params (
        version_id INTEGER NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (version_id, key)
      ) STRICT;
      CREATE TABLE model_version_inputs (
        version_id INTEGER NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        digest TEXT NOT NULL,
        run_id TEXT,
        step TEXT,
        artifact TEXT,
        PRIMARY KEY (version_id, name)
      ) STRICT;
      CREATE TABLE model_aliases (
        name TEXT NOT NULL REFERENCES registered_models (name) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        version_id INTEGER NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (name, alias)
      ) STRICT;
      CREATE INDEX model_aliases_by_version ON model_aliases (version_id);
      CREATE TABLE feature_sets (
        name TEXT PRIMARY KEY NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        owner TEXT,
        entity TEXT,
        event_time TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER
      ) STRICT;
      CREATE TABLE feature_set_tags (
        name TEXT NOT NULL REFERENCES feature_sets (name) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (name, key)
      ) STRICT;
      CREATE TABLE feature_set_versions (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL REFERENCES feature_sets (name) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        run_id TEXT,
        step TEXT,
        attempt INTEGER,
        artifact_path TEXT,
        tree_digest TEXT REFERENCES catalog_trees (digest),
        newest_event_time TEXT,
        row_count INTEGER,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        UNIQUE (name, version)
      ) STRICT;
      CREATE INDEX feature_set_versions_by_tree ON feature_set_versions (tree_digest);
      CREATE INDEX feature_set_versions_by_run ON feature_set_versions (run_id);
      CREATE TABLE features (
        set_name TEXT NOT NULL REFERENCES feature_sets (name) ON DELETE CASCADE,
        name TEXT NOT NULL,
        dtype TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (set_name, name)
      ) STRICT;
      CREATE TABLE model_version_features (
        version_id INTEGER NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
        feature_version_id INTEGER NOT NULL REFERENCES feature_set_versions (id) ON DELETE CASCADE,
        PRIMARY KEY (version_id, feature_version_id)
      ) STRICT;
      CREATE INDEX model_version_features_by_feature ON model_version_features (feature_version_id);
      CREATE TABLE lineage_nodes (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        run_id TEXT,
        step TEXT,
        digest TEXT
      ) STRICT;
      CREATE TABLE lineage_edges (
        src TEXT NOT NULL REFERENCES lineage_nodes (id) ON DELETE CASCADE,
        dst TEXT NOT NULL REFERENCES lineage_nodes (id) ON DELETE CASCADE,
        relation TEXT NOT NULL,
        PRIMARY KEY (src, dst, relation)
      ) STRICT;
      CREATE INDEX lineage_edges_by_dst ON lineage_edges (dst);
    `,
  },
  {
    version: 5,
    name: 'mlflow: experiments, tracking runs, params, tags, metric histories, datasets, logged models',
    sql: `
      CREATE TABLE mlflow_experiments (
        experiment_id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL UNIQUE,
        artifact_location TEXT,
        lifecycle_stage TEXT NOT NULL,
        creation_time INTEGER,
        last_update_time INTEGER,
        extra_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE TABLE mlflow_experiment_tags (
        experiment_id TEXT NOT NULL REFERENCES mlflow_experiments (experiment_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (experiment_id, key)
      ) STRICT;
      CREATE TABLE mlflow_runs (
        run_id TEXT PRIMARY KEY NOT NULL,
        experiment_id TEXT NOT NULL REFERENCES mlflow_experiments (experiment_id) ON DELETE CASCADE,
        run_name TEXT,
        user_id TEXT,
        status TEXT NOT NULL,
        start_time INTEGER,
        end_time INTEGER,
        artifact_uri TEXT,
        lifecycle_stage TEXT NOT NULL,
        deleted_time INTEGER,
        parent_run_id TEXT,
        artifacts_tree TEXT REFERENCES catalog_trees (digest),
        extra_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX mlflow_runs_by_experiment ON mlflow_runs (experiment_id);
      CREATE TABLE mlflow_run_params (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (run_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      ) STRICT;
      CREATE TABLE mlflow_run_tags (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (run_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      ) STRICT;
      CREATE TABLE mlflow_metrics (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (run_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        step INTEGER NOT NULL,
        timestamp INTEGER NOT NULL,
        value REAL NOT NULL,
        is_nan INTEGER NOT NULL,
        dataset_name TEXT NOT NULL DEFAULT '',
        dataset_digest TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (run_id, key, step, timestamp, value, is_nan, dataset_name, dataset_digest)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX mlflow_metrics_by_key ON mlflow_metrics (key, run_id);
      CREATE VIEW mlflow_latest_metrics AS
        SELECT run_id, key, value, is_nan, step, timestamp FROM (
          SELECT *, row_number() OVER (PARTITION BY run_id, key ORDER BY step DESC, timestamp DESC, value DESC) AS position
          FROM mlflow_metrics
        ) WHERE position = 1;
      CREATE TABLE mlflow_datasets (
        experiment_id TEXT NOT NULL REFERENCES mlflow_experiments (experiment_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        digest TEXT NOT NULL,
        source_type TEXT NOT NULL,
        source TEXT NOT NULL,
        schema TEXT,
        profile TEXT,
        PRIMARY KEY (experiment_id, name, digest)
      ) STRICT;
      CREATE TABLE mlflow_run_inputs (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (run_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        digest TEXT NOT NULL,
        tags_json TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (run_id, name, digest)
      ) STRICT;
      CREATE TABLE mlflow_run_outputs (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (run_id) ON DELETE CASCADE,
        model_id TEXT NOT NULL,
        step INTEGER NOT NULL,
        PRIMARY KEY (run_id, model_id)
      ) STRICT;
      CREATE TABLE mlflow_logged_models (
        model_id TEXT PRIMARY KEY NOT NULL,
        experiment_id TEXT NOT NULL REFERENCES mlflow_experiments (experiment_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        artifact_location TEXT,
        creation_timestamp INTEGER,
        last_updated_timestamp INTEGER,
        model_type TEXT,
        source_run_id TEXT,
        status TEXT,
        status_message TEXT,
        lifecycle_stage TEXT,
        artifacts_tree TEXT REFERENCES catalog_trees (digest),
        extra_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE TABLE mlflow_logged_model_params (
        model_id TEXT NOT NULL REFERENCES mlflow_logged_models (model_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (model_id, key)
      ) STRICT;
      CREATE TABLE mlflow_logged_model_tags (
        model_id TEXT NOT NULL REFERENCES mlflow_logged_models (model_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (model_id, key)
      ) STRICT;
      CREATE TABLE mlflow_logged_model_metrics (
        model_id TEXT NOT NULL REFERENCES mlflow_logged_models (model_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        step INTEGER NOT NULL,
        timestamp INTEGER NOT NULL,
        value REAL NOT NULL,
        is_nan INTEGER NOT NULL,
        run_id TEXT NOT NULL DEFAULT '',
        dataset_name TEXT NOT NULL DEFAULT '',
        dataset_digest TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (model_id, key, step, timestamp, value, is_nan, run_id, dataset_name, dataset_digest)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE mlflow_model_versions (
        version_id INTEGER PRIMARY KEY NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
        current_stage TEXT,
        source TEXT,
        run_link TEXT,
        status_message TEXT,
        storage_location TEXT,
        model_id TEXT,
        last_updated_timestamp INTEGER
      ) STRICT;
    `,
  },
  {
    version: 6,
    // Assigned number 7 (issue 7, runs); numbered 6 because no migration 6 existed when it landed and the numbers may have no gap.
    name: 'pipeline runs: re-runs (source run and mode, reused steps) and the waiting time of each attempt',
    sql: `
      ALTER TABLE pipeline_runs ADD COLUMN rerun_of TEXT;
      ALTER TABLE pipeline_runs ADD COLUMN rerun_mode TEXT;
      ALTER TABLE run_steps ADD COLUMN ready_at TEXT;
      ALTER TABLE run_steps ADD COLUMN reused_from TEXT;
      ALTER TABLE step_attempts ADD COLUMN queued_at TEXT;
      CREATE INDEX pipeline_runs_by_created ON pipeline_runs (created_at);
    `,
  },
  {
    version: 7,
    name: 'monitors: drift and quality monitors and their results over time',
    sql: `
      CREATE TABLE monitors (
        name TEXT PRIMARY KEY NOT NULL,
        spec TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_tick INTEGER
      ) STRICT;
      CREATE TABLE monitor_results (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        monitor TEXT NOT NULL REFERENCES monitors (name) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        window_start INTEGER,
        window_end INTEGER,
        status TEXT NOT NULL,
        drift_share REAL,
        dataset_drifted INTEGER,
        drifted_columns INTEGER NOT NULL DEFAULT 0,
        tested_columns INTEGER NOT NULL DEFAULT 0,
        quality TEXT NOT NULL DEFAULT '{}',
        alerts TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        report TEXT
      ) STRICT;
      CREATE INDEX monitor_results_by_monitor ON monitor_results (monitor, at);
    `,
  },
  {
    version: 8,
    name: 'tracking server: latest metric per run kept by a trigger, run search indexes, MLflow 3 model inputs, hashed access tokens',
    sql: `
      CREATE TABLE mlflow_run_latest_metrics (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (run_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value REAL NOT NULL,
        is_nan INTEGER NOT NULL,
        step INTEGER NOT NULL,
        timestamp INTEGER NOT NULL,
        PRIMARY KEY (run_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX mlflow_run_latest_metrics_by_key ON mlflow_run_latest_metrics (key, value);
      INSERT INTO mlflow_run_latest_metrics (run_id, key, value, is_nan, step, timestamp)
        SELECT run_id, key, value, is_nan, step, timestamp FROM mlflow_latest_metrics;
      CREATE TRIGGER mlflow_metrics_keep_latest AFTER INSERT ON mlflow_metrics BEGIN
        INSERT INTO mlflow_run_latest_metrics (run_id, key, value, is_nan, step, timestamp)
          VALUES (NEW.run_id, NEW.key, NEW.value, NEW.is_nan, NEW.step, NEW.timestamp)
          ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value, is_nan = excluded.is_nan, step = excluded.step, timestamp = excluded.timestamp
          WHERE (excluded.step, excluded.timestamp, excluded.value) > (mlflow_run_latest_metrics.step, mlflow_run_latest_metrics.timestamp, mlflow_run_latest_metrics.value);
      END;
      CREATE INDEX mlflow_runs_by_experiment_start ON mlflow_runs (experiment_id, lifecycle_stage, start_time DESC, run_id);
      CREATE INDEX mlflow_runs_by_parent ON mlflow_runs (parent_run_id);
      CREATE INDEX mlflow_run_params_by_key ON mlflow_run_params (key, value);
      CREATE INDEX mlflow_logged_models_by_experiment ON mlflow_logged_models (experiment_id, creation_timestamp);
      CREATE TABLE mlflow_run_model_inputs (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (run_id) ON DELETE CASCADE,
        model_id TEXT NOT NULL,
        PRIMARY KEY (run_id, model_id)
      ) STRICT;
      CREATE TABLE tracking_tokens (
        token_hash TEXT PRIMARY KEY NOT NULL,
        scope_kind TEXT NOT NULL,
        scope_id TEXT,
        label TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT;
    `,
  },
  {
    version: 9,
    name: 'serving: endpoints and their capture of requests and responses',
    sql: `
      CREATE TABLE serving_endpoints (
        name TEXT PRIMARY KEY NOT NULL,
        model TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        target_value TEXT NOT NULL,
        port INTEGER NOT NULL,
        image_override TEXT,
        gpus TEXT NOT NULL DEFAULT '[]',
        state TEXT NOT NULL,
        message TEXT,
        version INTEGER,
        image TEXT,
        container_id TEXT,
        owner_pid INTEGER,
        sample_rate REAL NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE serving_captures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        endpoint TEXT NOT NULL,
        request_id TEXT NOT NULL,
        time INTEGER NOT NULL,
        version INTEGER,
        status INTEGER NOT NULL,
        latency_ms REAL NOT NULL,
        content_type TEXT,
        input TEXT,
        output TEXT,
        truncated INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX serving_captures_by_endpoint_time ON serving_captures (endpoint, time);
    `,
  },
  {
    version: 10,
    name: 'pipeline runs: human names ("<pipeline> <adjective>-<noun>"), existing runs named from their ids',
    sql: runNamesSql(),
  },
  {
    version: 11,
    name: 'big lists: each model keeps its live version count and latest version (triggers); pipeline runs indexed by pipeline and end time, tracked runs by start time',
    // The Models page's first load read these with a GROUP BY over every version (it grew with
    // the catalog); triggers keep them on every insert, soft delete, restore and delete instead.
    sql: `
      ALTER TABLE registered_models ADD COLUMN live_versions INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE registered_models ADD COLUMN latest_version INTEGER;
      UPDATE registered_models SET
        live_versions = (SELECT COUNT(*) FROM model_versions v WHERE v.name = registered_models.name AND v.deleted_at IS NULL),
        latest_version = (SELECT MAX(version) FROM model_versions v WHERE v.name = registered_models.name AND v.deleted_at IS NULL);
      CREATE TRIGGER model_versions_summary_insert AFTER INSERT ON model_versions WHEN NEW.deleted_at IS NULL BEGIN
        UPDATE registered_models SET live_versions = live_versions + 1,
          latest_version = (SELECT MAX(version) FROM model_versions v WHERE v.name = NEW.name AND v.deleted_at IS NULL)
        WHERE name = NEW.name;
      END;
      CREATE TRIGGER model_versions_summary_update AFTER UPDATE OF deleted_at, name ON model_versions
        WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) OR OLD.name <> NEW.name BEGIN
        UPDATE registered_models SET live_versions = live_versions - (OLD.deleted_at IS NULL),
          latest_version = (SELECT MAX(version) FROM model_versions v WHERE v.name = OLD.name AND v.deleted_at IS NULL)
        WHERE name = OLD.name;
        UPDATE registered_models SET live_versions = live_versions + (NEW.deleted_at IS NULL),
          latest_version = (SELECT MAX(version) FROM model_versions v WHERE v.name = NEW.name AND v.deleted_at IS NULL)
        WHERE name = NEW.name;
      END;
      CREATE TRIGGER model_versions_summary_delete AFTER DELETE ON model_versions WHEN OLD.deleted_at IS NULL BEGIN
        UPDATE registered_models SET live_versions = live_versions - 1,
          latest_version = (SELECT MAX(version) FROM model_versions v WHERE v.name = OLD.name AND v.deleted_at IS NULL)
        WHERE name = OLD.name;
      END;
      -- The Runs page's list of pipeline names (runs.pipelines) and its pipeline filter (newest first) walk this index.
      CREATE INDEX pipeline_runs_by_pipeline ON pipeline_runs (pipeline, created_at);
      -- Runs that ended lately: what the watcher of other processes' runs looks at after each write.
      CREATE INDEX pipeline_runs_by_finished ON pipeline_runs (finished_at);
      -- Tracked runs newest first in MLflow's order (no start time last): the Experiments page's first
      -- page walks this instead of sorting every run of the experiments shown.
      CREATE INDEX mlflow_runs_by_start ON mlflow_runs (lifecycle_stage, start_time IS NULL, start_time DESC, run_id);
    `,
  },
];

/**
 * Migration 10: the name column, and a name for every existing run picked from the word lists by
 * characters of its id (the random tail of new-style ids), so the backfill needs no code outside SQL;
 * a name that two runs of one pipeline would share gets -2, -3… in creation order.
 */
function runNamesSql(): string {
  const values = (words: readonly string[]) => words.map((word, i) => `(${i}, '${word}')`).join(', ');
  const code = (fromEnd: number) => `unicode(substr(id, -${fromEnd}, 1))`;
  return `
      ALTER TABLE pipeline_runs ADD COLUMN name TEXT NOT NULL DEFAULT '';
      WITH adjectives (i, word) AS (VALUES ${values(RUN_NAME_ADJECTIVES)}),
           nouns (i, word) AS (VALUES ${values(RUN_NAME_NOUNS)})
      UPDATE pipeline_runs SET name = pipeline || ' '
        || (SELECT word FROM adjectives WHERE i = (${code(6)} * 961 + ${code(5)} * 31 + ${code(4)}) % ${RUN_NAME_ADJECTIVES.length})
        || '-'
        || (SELECT word FROM nouns WHERE i = (${code(3)} * 961 + ${code(2)} * 31 + ${code(1)}) % ${RUN_NAME_NOUNS.length});
      UPDATE pipeline_runs SET name = name || '-' || twins.n
        FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY pipeline, name ORDER BY created_at, id) AS n FROM pipeline_runs) AS twins
        WHERE twins.id = pipeline_runs.id AND twins.n > 1;
      CREATE INDEX pipeline_runs_by_pipeline_name ON pipeline_runs (pipeline, name);
    `;
}
