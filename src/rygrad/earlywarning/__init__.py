"""Early warning: every signal's path over time, when it crossed its threshold, and
nudges to the people who can act."""
