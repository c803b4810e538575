-- sitrep schema version 4: where an entity's country and sector came from when the text gave
-- them (JSON list of AttrEvidence: attribute, value, how, article, span, text).
ALTER TABLE entities ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
