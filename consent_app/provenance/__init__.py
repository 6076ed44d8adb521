"""Provenance of generated media on the studio side: the tool CA, the usage ledger, tracing with the store."""
