"""SQLite, as Django ships it, but creating the database's folder (var/) on first connect,
so that a newcomer's first `rygrad migrate` or `rygrad demo` needs no preparation."""
