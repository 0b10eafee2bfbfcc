"""Communication: the public initiative site, news, newsletters with double opt-in and
the inspiration catalogue."""
