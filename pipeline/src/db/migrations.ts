import { DIMENSION_NAMES, DIMENSION_COLUMNS } from "./dimensionColumns";

/**
 * The schema, as numbered migrations of one statement each (a multi-statement string is not atomic through
 * node-api). Applied in order inside one transaction per migration. Never edit a released migration: add one.
 * Documented for analysts in docs/data-model.md.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; description: string; statements: string[] }> = [
  {
    version: 1,
    description: "submissions, values, deliverables, roster, ingestion log",
    statements: [
      `CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
      `CREATE SEQUENCE submission_id_seq START 1`,
      `CREATE TABLE submissions (
        submission_id BIGINT PRIMARY KEY,
        institution VARCHAR NOT NULL,
        period VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        catalog_id VARCHAR NOT NULL,
        catalog_version VARCHAR NOT NULL,
        layout_version VARCHAR NOT NULL,
        language VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL UNIQUE,
        file_bytes BIGINT NOT NULL,
        file_modified_at TIMESTAMP,
        received_at TIMESTAMP NOT NULL,
        generated_by VARCHAR,
        ready_at VARCHAR,
        ready_stamp_valid BOOLEAN,
        prepared_by VARCHAR,
        status VARCHAR NOT NULL CHECK (status IN ('current', 'superseded')),
        superseded_by BIGINT,
        value_count INTEGER NOT NULL,
        roster_count INTEGER NOT NULL,
        warning_count INTEGER NOT NULL,
        UNIQUE (institution, period, version)
      )`,
      `CREATE TABLE indicator_values (
        submission_id BIGINT NOT NULL,
        indicator_code VARCHAR NOT NULL,
        ${DIMENSION_NAMES.map((d) => `${DIMENSION_COLUMNS[d]} VARCHAR`).join(",\n        ")},
        value DOUBLE NOT NULL,
        unit VARCHAR NOT NULL,
        note VARCHAR,
        sheet VARCHAR NOT NULL,
        cell VARCHAR NOT NULL
      )`,
      `CREATE TABLE deliverables (
        submission_id BIGINT NOT NULL,
        indicator_code VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        progress DOUBLE,
        approval_date DATE,
        reference VARCHAR,
        note VARCHAR,
        sheet VARCHAR NOT NULL,
        cell VARCHAR NOT NULL
      )`,
      `CREATE TABLE roster_entries (
        submission_id BIGINT NOT NULL,
        person_id VARCHAR NOT NULL,
        activity VARCHAR NOT NULL CHECK (activity IN ('training', 'deployment')),
        course_or_mission VARCHAR NOT NULL,
        mission VARCHAR,
        course_type VARCHAR,
        role VARCHAR,
        start_date DATE NOT NULL,
        end_date DATE,
        hours DOUBLE,
        note VARCHAR,
        sheet VARCHAR NOT NULL,
        cell VARCHAR NOT NULL
      )`,
      `CREATE SEQUENCE ingest_run_id_seq START 1`,
      `CREATE TABLE ingest_runs (
        run_id BIGINT PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        files INTEGER NOT NULL,
        accepted INTEGER NOT NULL,
        replaced INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        rejected INTEGER NOT NULL
      )`,
      `CREATE TABLE ingest_files (
        run_id BIGINT NOT NULL,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('accepted', 'replaced', 'unchanged', 'rejected')),
        submission_id BIGINT,
        reason_code VARCHAR,
        recorded_at TIMESTAMP NOT NULL
      )`,
      `CREATE TABLE ingest_issues (
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        submission_id BIGINT,
        code VARCHAR NOT NULL,
        severity VARCHAR NOT NULL CHECK (severity IN ('error', 'warning')),
        sheet VARCHAR,
        cell VARCHAR,
        indicator_code VARCHAR,
        message_es VARCHAR NOT NULL,
        message_en VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL
      )`,
      `CREATE VIEW current_submissions AS SELECT * FROM submissions WHERE status = 'current'`,
      `CREATE VIEW current_values AS
        SELECT s.institution, s.period, s.catalog_version, s.version AS submission_version, v.*
        FROM indicator_values v JOIN submissions s USING (submission_id)
        WHERE s.status = 'current'`,
      `CREATE VIEW value_provenance AS
        SELECT v.submission_id, s.institution, s.period, s.version AS submission_version, s.status,
               v.indicator_code, v.value, s.file_name, s.sha256, v.sheet, v.cell, s.received_at
        FROM indicator_values v JOIN submissions s USING (submission_id)`,
    ],
  },
  {
    version: 2,
    description: "master data: personnel, training, deployments, UN contributions and parity targets, load history",
    statements: [
      `CREATE SEQUENCE master_load_id_seq START 1`,
      `CREATE TABLE master_loads (
        load_id BIGINT PRIMARY KEY,
        dataset VARCHAR NOT NULL CHECK (dataset IN ('personnel', 'training', 'deployments', 'un-gender', 'un-targets')),
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        loaded_at TIMESTAMP NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('loaded', 'rejected')),
        row_count INTEGER NOT NULL,
        issue_count INTEGER NOT NULL
      )`,
      `CREATE TABLE master_load_issues (
        load_id BIGINT NOT NULL,
        row_number INTEGER,
        column_name VARCHAR,
        code VARCHAR NOT NULL,
        message_es VARCHAR NOT NULL,
        message_en VARCHAR NOT NULL
      )`,
      `CREATE TABLE personnel (
        person_id VARCHAR NOT NULL,
        institution VARCHAR NOT NULL,
        sex VARCHAR NOT NULL CHECK (sex IN ('F', 'M')),
        rank VARCHAR NOT NULL,
        category VARCHAR NOT NULL,
        birth_year INTEGER,
        entry_date DATE,
        status VARCHAR NOT NULL,
        load_id BIGINT NOT NULL
      )`,
      `CREATE TABLE training (
        person_id VARCHAR NOT NULL,
        course VARCHAR NOT NULL,
        provider VARCHAR NOT NULL,
        course_type VARCHAR NOT NULL,
        start_date DATE NOT NULL,
        end_date DATE,
        hours DOUBLE,
        load_id BIGINT NOT NULL
      )`,
      `CREATE TABLE deployments (
        person_id VARCHAR NOT NULL,
        mission VARCHAR NOT NULL,
        un_personnel_type VARCHAR NOT NULL,
        role VARCHAR,
        start_date DATE NOT NULL,
        end_date DATE,
        load_id BIGINT NOT NULL
      )`,
      `CREATE TABLE un_contributions (
        month DATE NOT NULL,
        iso3 VARCHAR NOT NULL,
        country VARCHAR NOT NULL,
        mission VARCHAR NOT NULL,
        personnel_type VARCHAR NOT NULL,
        personnel_type_label VARCHAR NOT NULL,
        female INTEGER NOT NULL,
        male INTEGER NOT NULL,
        load_id BIGINT NOT NULL
      )`,
      `CREATE TABLE un_parity_targets (
        year INTEGER NOT NULL,
        parity_category VARCHAR NOT NULL,
        target_pct DOUBLE NOT NULL,
        source VARCHAR NOT NULL,
        certainty VARCHAR,
        load_id BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    description: "which institution and semester a decided file was for (when its metadata said so)",
    statements: [`ALTER TABLE ingest_files ADD COLUMN institution VARCHAR`, `ALTER TABLE ingest_files ADD COLUMN period VARCHAR`],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
