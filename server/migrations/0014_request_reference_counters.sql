-- The last reference number given out each year, counted by the database: the next
-- `YC-YYYY-NNNNNN` is one atomic `INSERT … ON CONFLICT … DO UPDATE … RETURNING`, so it needs
-- no comparison of texts (which broke after 999999) and two submissions cannot get the same.
CREATE TABLE request_reference_counters (
    year        INTEGER PRIMARY KEY NOT NULL,
    last_number INTEGER NOT NULL CHECK (last_number >= 0)
) STRICT;

-- Seeded from the numbers already given: the largest of each year, compared as numbers.
INSERT INTO request_reference_counters (year, last_number)
SELECT CAST(substr(reference, 4, 4) AS INTEGER), max(CAST(substr(reference, 9) AS INTEGER))
FROM requests
WHERE reference LIKE 'YC-____-%'
GROUP BY substr(reference, 4, 4);
