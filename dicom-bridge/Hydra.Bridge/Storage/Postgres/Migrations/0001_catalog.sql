-- The bridge's catalog, quarantine and review indexes, hand-off queue and node certificates (Storage/FORMAT.md).
-- Applied once, in its own transaction, by SchemaMigrations under the schema advisory lock.

CREATE TABLE catalog (
    sop_instance_uid    text PRIMARY KEY,
    study_instance_uid  text NOT NULL,
    series_instance_uid text NOT NULL,
    sop_class_uid       text NOT NULL,
    transfer_syntax_uid text NOT NULL,
    patient_pseudonym   text NOT NULL,
    modality            text NOT NULL,
    body_part           text NOT NULL,
    study_date          text NOT NULL,
    series_number       integer,
    instance_number     integer,
    key_id              text NOT NULL,
    object_path         text NOT NULL,
    size                bigint NOT NULL,
    acl                 text[] NOT NULL,
    source              text NOT NULL,
    ingested            timestamptz NOT NULL,
    pixel_regions       jsonb,
    released_by         text
);
CREATE INDEX catalog_study ON catalog (study_instance_uid);
CREATE INDEX catalog_patient ON catalog (patient_pseudonym);

CREATE TABLE quarantine (
    id                        text PRIMARY KEY,
    key_id                    text NOT NULL,
    object_path               text NOT NULL,
    reason                    text NOT NULL,
    reason_code               text NOT NULL,
    source                    text NOT NULL,
    received                  timestamptz NOT NULL,
    regions                   jsonb,
    decision_kind             text CHECK (decision_kind IN ('Kept', 'Released')),
    decision_by               text,
    decision_at               timestamptz,
    released_sop_instance_uid text,
    CHECK ((decision_kind IS NULL) = (decision_by IS NULL) AND (decision_kind IS NULL) = (decision_at IS NULL))
);

CREATE TABLE review (
    sop_instance_uid text PRIMARY KEY,
    key_id           text,
    object_path      text,
    created          timestamptz NOT NULL
);

CREATE TABLE handoff (
    node_id         text NOT NULL,
    key_id          text NOT NULL,
    sealed_envelope bytea NOT NULL,
    acl             text[] NOT NULL,
    queued          timestamptz NOT NULL,
    PRIMARY KEY (node_id, key_id)
);

CREATE TABLE node_certificate (
    node_id     text PRIMARY KEY,
    certificate bytea NOT NULL
);
