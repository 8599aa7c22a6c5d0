"""The write side: the one writer of adoption records, its history, import and tokens."""
