"""Pages of the ideas app: the public ones (the form, "you said — we did", each idea's
stable page) in `public`, the secretariat's and members' in `manage`, many answers and
releases in `answers`, themes and merges in `themes`."""
