-- Administration (issue 14, section 6): an area's CBS code names one area only, so a
-- code typed twice is refused (the store says so at the field before the insert; this
-- index holds it against a race). Areas without a code are not concerned.
CREATE UNIQUE INDEX areas_code ON areas (code) WHERE code IS NOT NULL;
