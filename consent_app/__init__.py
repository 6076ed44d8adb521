"""consent_app: prove consent before synthesizing or editing a face or a voice."""
