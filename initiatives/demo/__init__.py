"""Demo and benchmark content, loaded by management commands only."""
