//! The tagger (placeholder; being written).
