"""Views of the measurement app: results (members), management (secretariat), and the
anonymous questionnaire (anyone with a class code)."""
