//! The dependency parser (placeholder; being written).
