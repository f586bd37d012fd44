-- Issue 12, section 6: rules that follow the law.
--
-- The days a royal decree equates with a holiday (Algemene termijnenwet art. 3 lid 3).
-- Data, not code: the decrees are published every three years in the Staatscourant,
-- and the operator keeps this table with `eenplan statutory-day add|remove`, each
-- change journaled with its reference. Seeded for 2020-2040 from the pattern the
-- decrees follow: the Friday after Ascension Day; the Monday before New Year's Day,
-- King's Day, 5 May or Christmas Day when that falls on a Tuesday; the Friday after
-- New Year's Day, King's Day, 5 May or Boxing Day when that falls on a Thursday;
-- 6 May when Ascension Day falls on 7 May.
CREATE TABLE statutory_days (
    day        TEXT PRIMARY KEY,        -- YYYY-MM-DD
    reference  TEXT NOT NULL,           -- the decree's Staatscourant reference
    added_by   TEXT NOT NULL            -- who recorded it (an operator, or the seed)
);

INSERT INTO statutory_days (day, reference, added_by) VALUES
    ('2020-05-04', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2020-05-22', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2021-04-26', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2021-05-14', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2022-05-06', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2022-05-27', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2023-04-28', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2023-05-19', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2024-05-10', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2024-12-27', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2025-05-30', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2026-01-02', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2026-05-04', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2026-05-15', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2027-04-26', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2027-05-07', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2028-04-28', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2028-05-26', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2029-05-11', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2029-12-24', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2029-12-31', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2030-05-31', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2030-12-27', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2031-05-23', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2032-01-02', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2032-04-26', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2032-05-07', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2033-05-06', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2033-05-27', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2034-04-28', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2034-05-19', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2035-05-04', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2035-12-24', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2035-12-31', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2036-05-23', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2037-01-02', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2037-05-04', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2037-05-15', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2038-04-26', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2038-06-04', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2039-05-06', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2039-05-20', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2040-05-11', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013'),
    ('2040-12-24', 'Patroon Besluit gelijkstelling dagen Algemene termijnenwet (beginwaarde)', 'migration 0013');

-- Under a court order the certified institution's plan needs no parental agreement:
-- the family's view on a plan version is recorded instead (one per version and
-- recording, newest last), with the members who gave it.
CREATE TABLE plan_family_views (
    id          TEXT PRIMARY KEY,
    family_id   TEXT NOT NULL,
    version     BIGINT NOT NULL,
    view        TEXT NOT NULL,
    member_ids  TEXT NOT NULL,          -- JSON array of member ids
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    FOREIGN KEY (family_id, version) REFERENCES plan_versions (family_id, version)
);
CREATE INDEX plan_family_views_by_version ON plan_family_views (family_id, version);
