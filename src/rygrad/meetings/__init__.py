"""The meetings of the alliance and its young people: agenda items with youth briefings,
attendance, minutes, decisions and action items."""
