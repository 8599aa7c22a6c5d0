"""The REST API of the register: authentication, schemas, filters and short endpoints."""
