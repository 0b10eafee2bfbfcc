"""Ideas from children, young people and partners, and what became of each: capture,
pipeline, public answers, themes and “you said — we did”."""
