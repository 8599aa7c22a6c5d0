"""The read side: every report computed once for HTML, exports and the API."""
