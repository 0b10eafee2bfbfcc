"""Pages of the alliance registry, split by what they show: the alliance as a whole
(registry), organisations, and people with their seats."""
