class BackupError(Exception):
    """A backup or a restore that cannot go on, with a message for the operator (what is
    wrong and what to do); the commands print it without a stack trace."""
