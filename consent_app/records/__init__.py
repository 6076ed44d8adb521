"""Records for a regulator: a signed, self-checking export of a period."""
