"""The API's views (one module per capability) and the token pages for people."""
