"""Studio signing keys (Ed25519)."""
