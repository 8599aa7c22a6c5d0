"""Mail that reports what the read and write sides hold: digests of changes to subscribers."""
