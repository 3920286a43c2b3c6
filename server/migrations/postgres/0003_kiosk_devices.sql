-- Kiosks registered by a site's staff (SQLite's 0018_kiosk_devices.sql says how they are used).
CREATE TABLE kiosk_devices (
    id         TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    name       TEXT COLLATE "C" NOT NULL,
    site       TEXT COLLATE "C" NOT NULL,
    token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

ALTER TABLE sessions ADD COLUMN kiosk TEXT COLLATE "C";
ALTER TABLE access_log ADD COLUMN kiosk TEXT COLLATE "C";
