import type { ArtifactRecord, AttemptDetail, CacheDecision, RunComparison, RunDetail, RunFilter, RunState, RunSummary, StepDetail, StepState } from '../../../shared/pipeline/run-model.ts';
import type { PipelineSpec } from '../../../shared/pipeline/schema.ts';
import type { Store } from '../store/database.ts';
import { StatementCache } from '../store/statement-cache.ts';

/** What the database keeps of a run beyond its summary: enough to continue it after a crash. */
export interface StoredRun {
  id: string;
  name: string;
  pipeline: string;
  file: string | null;
  spec: PipelineSpec;
  params: Record<string, string>;
  state: RunState;
  useCache: boolean;
  ownerPid: number | null;
}

export interface StepResult {
  outputs: Record<string, string>;
  metrics: Record<string, number>;
  artifacts: ArtifactRecord[];
}

const now = () => new Date().toISOString();

interface RunRow {
  id: string;
  name: string;
  pipeline: string;
  file: string | null;
  spec: string;
  state: string;
  use_cache: number;
  owner_pid: number | null;
  message: string | null;
  created_at: string;
  finished_at: string | null;
  rerun_of: string | null;
  rerun_mode: string | null;
}
interface StepRow {
  step: string;
  state: string;
  message: string | null;
  image_digest: string | null;
  cache_decision: string | null;
  started_at: string | null;
  finished_at: string | null;
  reused_from: string | null;
  ready_at: string | null;
}
interface AttemptRow {
  attempt: number;
  state: string;
  container_id: string | null;
  exit_code: number | null;
  oom_killed: number;
  reason: string | null;
  log_path: string;
  queued_at: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** The run history in SQLite; every multi-row change is one transaction. */
export class RunStore {
  readonly #store: Store;
  /** Every query here is prepared once (see store/statement-cache.ts). */
  readonly #db: StatementCache;
  constructor(store: Store) {
    this.#store = store;
    this.#db = new StatementCache(store.db);
  }

  /** Runs fn's writes as one transaction (joins an open one). */
  inTransaction<T>(fn: () => T): T {
    return this.#store.transaction(fn);
  }

  createRun(run: {
    id: string;
    name: string;
    spec: PipelineSpec;
    file: string | null;
    params: Record<string, string>;
    useCache: boolean;
    ownerPid: number;
    rerun?: { of: string; mode: string };
  }): void {
    this.#store.transaction(() => {
      this.#db
        .prepare('INSERT INTO pipeline_runs (id, name, pipeline, file, spec, state, use_cache, owner_pid, created_at, rerun_of, rerun_mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(run.id, run.name, run.spec.metadata.name, run.file, JSON.stringify(run.spec), 'running', run.useCache ? 1 : 0, run.ownerPid, now(), run.rerun?.of ?? null, run.rerun?.mode ?? null);
      const param = this.#db.prepare('INSERT INTO run_params (run_id, name, value) VALUES (?, ?, ?)');
      for (const [name, value] of Object.entries(run.params)) param.run(run.id, name, value);
      const step = this.#db.prepare('INSERT INTO run_steps (run_id, step, position, state) VALUES (?, ?, ?, ?)');
      Object.keys(run.spec.steps).forEach((name, position) => step.run(run.id, name, position, 'pending'));
    });
  }

  /** The names the runs of a pipeline have (a new name must differ from them). */
  runNames(pipeline: string): Set<string> {
    const rows = this.#db.prepare('SELECT name FROM pipeline_runs WHERE pipeline = ?').all(pipeline) as { name: string }[];
    return new Set(rows.map((r) => r.name));
  }

  /** The run of `pipeline` with this name, if any. */
  runNamed(pipeline: string, name: string): string | null {
    const row = this.#db.prepare('SELECT id FROM pipeline_runs WHERE pipeline = ? AND name = ? LIMIT 1').get(pipeline, name) as { id: string } | undefined;
    return row?.id ?? null;
  }

  renameRun(id: string, name: string): void {
    this.#db.prepare('UPDATE pipeline_runs SET name = ? WHERE id = ?').run(name, id);
  }

  loadRun(id: string): StoredRun | null {
    const row = this.#db.prepare('SELECT * FROM pipeline_runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? this.#toStored(row) : null;
  }

  /** Runs still marked running (their owner may be gone). */
  runningRuns(): StoredRun[] {
    return (this.#db.prepare("SELECT * FROM pipeline_runs WHERE state = 'running' ORDER BY created_at").all() as unknown as RunRow[]).map((row) => this.#toStored(row));
  }

  /** Takes over a run from a dead owner; false when someone else already did. */
  claimRun(id: string, previousOwner: number | null, owner: number): boolean {
    const result = this.#db.prepare('UPDATE pipeline_runs SET owner_pid = ? WHERE id = ? AND owner_pid IS ? AND state = ?').run(owner, id, previousOwner, 'running');
    return Number(result.changes) === 1;
  }

  /** Asks the run's owner (maybe another process) to cancel; it reads this when a container ends or a timer fires. */
  requestCancel(id: string, reason: string): void {
    this.#db.prepare('UPDATE pipeline_runs SET cancel_requested = ? WHERE id = ? AND state = ?').run(reason, id, 'running');
  }

  cancelRequest(id: string): string | null {
    const row = this.#db.prepare('SELECT cancel_requested FROM pipeline_runs WHERE id = ?').get(id) as { cancel_requested: string | null } | undefined;
    return row?.cancel_requested ?? null;
  }

  finishRun(id: string, state: RunState, message: string | null): void {
    this.#db.prepare('UPDATE pipeline_runs SET state = ?, message = ?, finished_at = ? WHERE id = ?').run(state, message, now(), id);
  }

  setStepState(runId: string, step: string, state: StepState, message: string | null, times: { started?: boolean; finished?: boolean } = {}): void {
    this.#db
      .prepare(
        `UPDATE run_steps SET state = ?, message = ?,
           started_at = CASE WHEN ? THEN COALESCE(started_at, ?) ELSE started_at END,
           finished_at = CASE WHEN ? THEN ? ELSE finished_at END,
           ready_at = CASE WHEN ? = 'waiting' THEN ? ELSE ready_at END
         WHERE run_id = ? AND step = ?`,
      )
      .run(state, message, times.started ? 1 : 0, now(), times.finished ? 1 : 0, now(), state, now(), runId, step);
  }

  /** A re-run took this step's result from an earlier run (recorded with the step, shown in its detail). */
  markReused(runId: string, step: string, fromRun: string): void {
    this.#db.prepare('UPDATE run_steps SET reused_from = ? WHERE run_id = ? AND step = ?').run(fromRun, runId, step);
  }

  setStepImage(runId: string, step: string, digest: string): void {
    this.#db.prepare('UPDATE run_steps SET image_digest = ? WHERE run_id = ? AND step = ?').run(digest, runId, step);
  }

  setCacheDecision(runId: string, step: string, key: string | null, fields: unknown, decision: CacheDecision): void {
    this.#db
      .prepare('UPDATE run_steps SET cache_key = ?, cache_fields = ?, cache_decision = ? WHERE run_id = ? AND step = ?')
      .run(key, fields === null ? null : JSON.stringify(fields), JSON.stringify(decision), runId, step);
  }

  /** The key fields of this step's latest earlier run of the same pipeline that computed a key. */
  previousCacheFields(pipeline: string, step: string, beforeRun: string): { runId: string; fields: Record<string, unknown> } | null {
    const row = this.#db
      .prepare(
        `SELECT s.run_id, s.cache_fields FROM run_steps s JOIN pipeline_runs r ON r.id = s.run_id
         WHERE r.pipeline = ? AND s.step = ? AND s.run_id != ? AND s.cache_fields IS NOT NULL
         ORDER BY r.created_at DESC LIMIT 1`,
      )
      .get(pipeline, step, beforeRun) as { run_id: string; cache_fields: string } | undefined;
    return row ? { runId: row.run_id, fields: JSON.parse(row.cache_fields) as Record<string, unknown> } : null;
  }

  startAttempt(runId: string, step: string, attempt: number, logPath: string): void {
    this.#db
      .prepare(
        `INSERT OR REPLACE INTO step_attempts (run_id, step, attempt, state, log_path, started_at, queued_at)
         VALUES (?, ?, ?, ?, ?, ?, (SELECT ready_at FROM run_steps WHERE run_id = ? AND step = ?))`,
      )
      .run(runId, step, attempt, 'running', logPath, now(), runId, step);
  }

  /** An attempt marked lost to an engine outage whose container survived it (live-restore): running again. */
  reopenAttempt(runId: string, step: string, attempt: number): void {
    this.#db
      .prepare("UPDATE step_attempts SET state = 'running', exit_code = NULL, reason = NULL, finished_at = NULL WHERE run_id = ? AND step = ? AND attempt = ?")
      .run(runId, step, attempt);
  }

  /** A running run's message ("waiting for the engine since …"); null clears it. */
  setRunMessage(id: string, message: string | null): void {
    this.#db.prepare("UPDATE pipeline_runs SET message = ? WHERE id = ? AND state = 'running'").run(message, id);
  }

  setAttemptContainer(runId: string, step: string, attempt: number, containerId: string): void {
    this.#db.prepare('UPDATE step_attempts SET container_id = ? WHERE run_id = ? AND step = ? AND attempt = ?').run(containerId, runId, step, attempt);
  }

  finishAttempt(runId: string, step: string, attempt: number, end: { state: StepState; exitCode: number | null; oomKilled: boolean; reason: string | null }): void {
    this.#db
      .prepare('UPDATE step_attempts SET state = ?, exit_code = ?, oom_killed = ?, reason = ?, finished_at = ? WHERE run_id = ? AND step = ? AND attempt = ?')
      .run(end.state, end.exitCode, end.oomKilled ? 1 : 0, end.reason, now(), runId, step, attempt);
  }

  /** Outputs, metrics and artifacts of a finished step, replacing any earlier ones, in one transaction. */
  saveStepResult(runId: string, step: string, result: StepResult): void {
    this.#store.transaction(() => {
      for (const table of ['step_outputs', 'step_metrics', 'step_artifacts']) this.#db.prepare(`DELETE FROM ${table} WHERE run_id = ? AND step = ?`).run(runId, step);
      const output = this.#db.prepare('INSERT INTO step_outputs (run_id, step, name, value) VALUES (?, ?, ?, ?)');
      for (const [name, value] of Object.entries(result.outputs)) output.run(runId, step, name, value);
      const metric = this.#db.prepare('INSERT INTO step_metrics (run_id, step, name, value) VALUES (?, ?, ?, ?)');
      for (const [name, value] of Object.entries(result.metrics)) metric.run(runId, step, name, value);
      const artifact = this.#db.prepare('INSERT INTO step_artifacts (run_id, step, name, path, sha256, size) VALUES (?, ?, ?, ?, ?, ?)');
      for (const a of result.artifacts) artifact.run(runId, step, a.name, a.path, a.sha256, a.size);
    });
  }

  stepResult(runId: string, step: string): StepResult {
    const outputs = Object.fromEntries(
      (this.#db.prepare('SELECT name, value FROM step_outputs WHERE run_id = ? AND step = ? ORDER BY name').all(runId, step) as { name: string; value: string }[]).map((r) => [r.name, r.value]),
    );
    const metrics = Object.fromEntries(
      (this.#db.prepare('SELECT name, value FROM step_metrics WHERE run_id = ? AND step = ? ORDER BY name').all(runId, step) as { name: string; value: number }[]).map((r) => [r.name, r.value]),
    );
    const artifacts = this.#db.prepare('SELECT name, path, sha256, size FROM step_artifacts WHERE run_id = ? AND step = ? ORDER BY name').all(runId, step) as unknown as ArtifactRecord[];
    return { outputs, metrics, artifacts };
  }

  recordCacheEntry(key: string, pipeline: string, step: string, runId: string): void {
    this.#db.prepare('INSERT OR REPLACE INTO cache_entries (key, pipeline, step, run_id, created_at) VALUES (?, ?, ?, ?, ?)').run(key, pipeline, step, runId, now());
  }

  cacheEntry(key: string): { runId: string; step: string; createdAt: string } | null {
    const row = this.#db.prepare('SELECT run_id, step, created_at FROM cache_entries WHERE key = ?').get(key) as { run_id: string; step: string; created_at: string } | undefined;
    return row ? { runId: row.run_id, step: row.step, createdAt: row.created_at } : null;
  }

  dropCacheEntry(key: string): void {
    this.#db.prepare('DELETE FROM cache_entries WHERE key = ?').run(key);
  }

  /** Every pipeline name that has runs, sorted (walks the pipeline index, one entry per name). */
  pipelineNames(): string[] {
    return (this.#db.prepare('SELECT DISTINCT pipeline FROM pipeline_runs ORDER BY pipeline').all() as { pipeline: string }[]).map((r) => r.pipeline);
  }

  listRuns(limit = 100, filter: RunFilter = {}): RunSummary[] {
    const where: string[] = [];
    const values: string[] = [];
    const add = (clause: string, value: string) => {
      where.push(clause);
      values.push(value);
    };
    if (filter.pipeline) add('pipeline = ?', filter.pipeline);
    if (filter.state) add('state = ?', filter.state);
    if (filter.since) add('created_at >= ?', new Date(filter.since).toISOString());
    if (filter.until) add('created_at < ?', new Date(filter.until).toISOString());
    if (filter.text) {
      const like = `%${filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(
        `(lower(id) LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\' OR lower(pipeline) LIKE ? ESCAPE '\\' OR lower(COALESCE(file, '')) LIKE ? ESCAPE '\\' OR lower(COALESCE(message, '')) LIKE ? ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = pipeline_runs.id AND lower(p.value) LIKE ? ESCAPE '\\'))`,
      );
      values.push(like, like, like, like, like, like);
    }
    const sql = `SELECT * FROM pipeline_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    const rows = this.#db.prepare(sql).all(...values, limit) as unknown as RunRow[];
    // Steps and params of the whole page in one query each (not two per run).
    const ids = JSON.stringify(rows.map((row) => row.id));
    const group = <T extends { run_id: string }>(list: T[]) => {
      const byRun = new Map<string, T[]>();
      for (const item of list) byRun.set(item.run_id, [...(byRun.get(item.run_id) ?? []), item]);
      return byRun;
    };
    const steps = group(this.#db.prepare('SELECT run_id, step, state FROM run_steps WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, position').all(ids) as { run_id: string; step: string; state: StepState }[]);
    const params = group(this.#db.prepare('SELECT run_id, name, value FROM run_params WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, name').all(ids) as { run_id: string; name: string; value: string }[]);
    return rows.map((row) => ({
      ...this.#summary(row, Object.fromEntries((params.get(row.id) ?? []).map((p) => [p.name, p.value]))),
      steps: Object.fromEntries((steps.get(row.id) ?? []).map((s) => [s.step, s.state])),
    }));
  }

  /** Params and every step's metrics (`step.metric`) of the given runs, in the order asked; unknown ids are left out. */
  compareRuns(ids: readonly string[]): RunComparison[] {
    const metric = this.#db.prepare('SELECT step, name, value FROM step_metrics m JOIN run_steps s USING (run_id, step) WHERE m.run_id = ? ORDER BY s.position, m.name');
    return ids.flatMap((id) => {
      const row = this.#db.prepare('SELECT * FROM pipeline_runs WHERE id = ?').get(id) as RunRow | undefined;
      if (!row) return [];
      const metrics = Object.fromEntries((metric.all(id) as { step: string; name: string; value: number }[]).map((m) => [`${m.step}.${m.name}`, m.value]));
      return [{ id: row.id, name: row.name, pipeline: row.pipeline, state: row.state as RunState, createdAt: row.created_at, finishedAt: row.finished_at, params: this.#params(row.id), metrics }];
    });
  }

  /** A run by its id or a unique prefix of it. */
  resolveId(idOrPrefix: string): string | null {
    const rows = this.#db.prepare("SELECT id FROM pipeline_runs WHERE id = ? OR id LIKE ? || '%' LIMIT 2").all(idOrPrefix, idOrPrefix) as { id: string }[];
    const exact = rows.find((r) => r.id === idOrPrefix);
    if (exact) return exact.id;
    return rows.length === 1 ? rows[0].id : null;
  }

  getRun(id: string): RunDetail | null {
    const row = this.#db.prepare('SELECT * FROM pipeline_runs WHERE id = ?').get(id) as RunRow | undefined;
    if (!row) return null;
    const stepRows = this.#db.prepare('SELECT * FROM run_steps WHERE run_id = ? ORDER BY position').all(id) as unknown as StepRow[];
    const steps: StepDetail[] = stepRows.map((s) => ({
      name: s.step,
      state: s.state as StepState,
      message: s.message,
      imageDigest: s.image_digest,
      startedAt: s.started_at,
      finishedAt: s.finished_at,
      attempts: this.attempts(id, s.step),
      ...this.stepResult(id, s.step),
      cache: s.cache_decision ? (JSON.parse(s.cache_decision) as CacheDecision) : null,
      readyAt: s.ready_at,
      reusedFrom: s.reused_from,
    }));
    return { ...this.#summary(row), steps };
  }

  attempts(runId: string, step: string): AttemptDetail[] {
    const rows = this.#db.prepare('SELECT * FROM step_attempts WHERE run_id = ? AND step = ? ORDER BY attempt').all(runId, step) as unknown as AttemptRow[];
    return rows.map((a) => ({
      attempt: a.attempt,
      state: a.state as StepState,
      containerId: a.container_id,
      exitCode: a.exit_code,
      oomKilled: a.oom_killed === 1,
      reason: a.reason,
      logPath: a.log_path,
      queuedAt: a.queued_at,
      startedAt: a.started_at,
      finishedAt: a.finished_at,
    }));
  }

  stepStates(runId: string): Record<string, StepState> {
    const rows = this.#db.prepare('SELECT step, state FROM run_steps WHERE run_id = ? ORDER BY position').all(runId) as { step: string; state: StepState }[];
    return Object.fromEntries(rows.map((r) => [r.step, r.state]));
  }

  #params(id: string): Record<string, string> {
    const rows = this.#db.prepare('SELECT name, value FROM run_params WHERE run_id = ? ORDER BY name').all(id) as { name: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  #summary(row: RunRow, params?: Record<string, string>): Omit<RunSummary, 'steps'> {
    return {
      id: row.id,
      name: row.name,
      pipeline: row.pipeline,
      file: row.file,
      state: row.state as RunState,
      message: row.message,
      params: params ?? this.#params(row.id),
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      rerunOf: row.rerun_of,
      rerunMode: row.rerun_mode,
    };
  }

  #toStored(row: RunRow): StoredRun {
    return {
      id: row.id,
      name: row.name,
      pipeline: row.pipeline,
      file: row.file,
      spec: JSON.parse(row.spec) as PipelineSpec,
      params: this.#params(row.id),
      state: row.state as RunState,
      useCache: row.use_cache === 1,
      ownerPid: row.owner_pid,
    };
  }
}
