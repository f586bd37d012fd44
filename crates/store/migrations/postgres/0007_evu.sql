-- The neighbourhoods the EVU covers, and from when (issue 7).
CREATE TABLE evu_areas (
    area_id   TEXT PRIMARY KEY REFERENCES areas (id),
    starts_on TEXT NOT NULL
);
