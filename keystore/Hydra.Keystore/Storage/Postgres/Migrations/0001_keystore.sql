-- Keystore node schema, version 1 (Storage/FORMAT.md section 5). Applied once, in one transaction, under the
-- migration advisory lock; schema_version is created by the migrator itself.

-- The node this database belongs to: written at first start, compared at every start.
CREATE TABLE node (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    node_id   text NOT NULL,
    claimed   timestamptz NOT NULL DEFAULT now()
);

-- One row per key: the sealed share envelope (FORMAT.md section 1) and the ACL.
CREATE TABLE keys (
    key_id          text COLLATE "C" PRIMARY KEY,
    sealed_envelope bytea NOT NULL,
    owner           text NOT NULL,
    acl             jsonb NOT NULL,          -- [{"p": principal, "perm": permission bits, "deny": bool}, ...]
    acl_version     bigint NOT NULL,
    created_ticks   bigint NOT NULL,         -- UTC ticks (100 ns since 0001-01-01)
    created_by      text NOT NULL
);

-- The hash-chained audit trail (Hydra.Audit/FORMAT.md), one row per record, in sequence.
CREATE TABLE audit (
    sequence      bigint PRIMARY KEY,
    time_ticks    bigint NOT NULL,           -- UTC ticks, as hashed
    node_id       text NOT NULL,
    subject       text NOT NULL,
    issuer        text NOT NULL,
    fqans         text[] NOT NULL,
    operation     text NOT NULL,
    key_id        text NOT NULL,
    outcome       text NOT NULL,
    reason        text NOT NULL,
    peer          text NOT NULL,
    delegate      text NOT NULL,
    proxy_depth   integer NOT NULL,
    previous_hash bytea NOT NULL,
    hash          bytea NOT NULL
);

-- Signed checkpoints, own and witnessed; id = node:sequence (19 digits), or that with "!hash8" for a contradicting one.
CREATE TABLE checkpoints (
    checkpoint_id text COLLATE "C" PRIMARY KEY,
    node_id       text NOT NULL,
    sequence      bigint NOT NULL,
    hash          bytea NOT NULL,
    time_ticks    bigint NOT NULL,
    signature     bytea NOT NULL,
    algorithm     text NOT NULL,
    certificates  bytea[] NOT NULL           -- DER, signer first
);

-- The wrapped data key (FORMAT.md section 2): one row, id 'data-key'.
CREATE TABLE seal (
    seal_id       text PRIMARY KEY,
    version       integer NOT NULL,
    kind          text NOT NULL,
    mechanism     text NOT NULL,
    wrapped       bytea NOT NULL,
    check_value   bytea NOT NULL,
    description   text NOT NULL,
    state         text NOT NULL,
    created_ticks bigint NOT NULL
);
