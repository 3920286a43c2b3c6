-- The portal's own tables and the simulated national database's, created together.
-- Timestamps are UTC text, 'YYYY-MM-DDTHH:MM:SS.sssZ'; dates are 'YYYY-MM-DD'.

-- The portal's stored copy of each citizen's population record (api::PopulationRecord as
-- JSON), with the time it was last synchronised from the national database. The name is
-- kept beside the JSON so lists and sign-in need not parse every record.
CREATE TABLE citizens (
    personal_id TEXT PRIMARY KEY NOT NULL CHECK (length(personal_id) = 12),
    full_name   TEXT NOT NULL,
    record_json TEXT NOT NULL CHECK (json_valid(record_json)),
    synced_at   TEXT NOT NULL
) STRICT;

-- The authoritative copy, as the simulated National Population Database holds it. Not linked
-- to `citizens` by a foreign key: the national database knows people the portal has never seen.
CREATE TABLE national_records (
    personal_id TEXT PRIMARY KEY NOT NULL CHECK (length(personal_id) = 12),
    record_json TEXT NOT NULL CHECK (json_valid(record_json)),
    updated_at  TEXT NOT NULL
) STRICT;

-- The personal electronic data store (Decree 45/2020, Circular 01/2023/TT-VPCP): every
-- document has at least a code, a name and a file or a link to it.
CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    owner_id       TEXT NOT NULL REFERENCES citizens (personal_id) ON DELETE CASCADE,
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    -- The name lowercased without Vietnamese diacritics (api::search::fold_vietnamese), so
    -- "giay khai sinh" finds "Giấy khai sinh".
    name_folded    TEXT NOT NULL,
    category       TEXT NOT NULL CHECK (category IN (
        'civil_status', 'residence', 'identity', 'certified_copy', 'application',
        'health_insurance', 'driving_licence', 'education', 'social_insurance', 'land', 'other'
    )),
    issuing_agency TEXT NOT NULL,
    issued_on      TEXT NOT NULL,
    valid_until    TEXT,
    -- The administrative procedure the document came from, when it is a result of one.
    procedure      TEXT,
    file_name      TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    -- Either a link to the file in the issuing agency's system or a path in the portal's own
    -- file store; a document without either would break the store's minimum metadata.
    file_url       TEXT,
    blob_path      TEXT,
    synced_at      TEXT NOT NULL,
    UNIQUE (owner_id, code),
    CHECK (file_url IS NOT NULL OR blob_path IS NOT NULL)
) STRICT;

CREATE INDEX documents_by_owner_issued_on ON documents (owner_id, issued_on);
CREATE INDEX documents_by_owner_name ON documents (owner_id, name);
CREATE INDEX documents_by_owner_name_folded ON documents (owner_id, name_folded);

-- Written requests for information (văn bản yêu cầu cung cấp thông tin), seed 001.
CREATE TABLE requests (
    id             INTEGER PRIMARY KEY,
    -- What the citizen quotes on the phone or at the counter, e.g. 'YC-2026-000123'.
    reference      TEXT NOT NULL UNIQUE,
    owner_id       TEXT NOT NULL REFERENCES citizens (personal_id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    purpose        TEXT NOT NULL,
    delivery       TEXT NOT NULL CHECK (delivery IN ('data_store', 'post', 'in_person')),
    status         TEXT NOT NULL CHECK (status IN (
        'draft', 'submitted', 'received', 'processing', 'more_information_needed',
        'provided', 'refused', 'withdrawn'
    )),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    -- A refusal always comes in writing with its reason (seed 001), and only a refusal has one.
    refusal_reason TEXT,
    -- The document in the data store that holds the information provided.
    result_document_code TEXT,
    CHECK ((status = 'refused') = (refusal_reason IS NOT NULL))
) STRICT;

CREATE INDEX requests_by_owner_created_at ON requests (owner_id, created_at);

-- Every change of a request's status, for the history the citizen sees.
CREATE TABLE request_events (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN (
        'draft', 'submitted', 'received', 'processing', 'more_information_needed',
        'provided', 'refused', 'withdrawn'
    )),
    at         TEXT NOT NULL,
    note       TEXT
) STRICT;

CREATE INDEX request_events_by_request ON request_events (request_id, at);
