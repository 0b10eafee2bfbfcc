"""The meetings pages: the list and one meeting (`pages`), what is recorded in a meeting
(`records`: agenda, attendance, decisions, action items), the action items and the youth
briefings (`follow_up`), and the calendar feeds (`calendar`)."""
