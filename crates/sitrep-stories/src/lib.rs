//! sitrep-stories
