-- A professional's work phone number, so a family in crisis during office hours is told
-- whom to call and on which number (issue 6).
ALTER TABLE users ADD COLUMN phone TEXT;
