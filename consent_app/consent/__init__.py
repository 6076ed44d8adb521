"""Consent: categories, the form and terms, the on-screen signature, the signed record, the receipt,
withdrawal and erasure. Qt-free; heavy imports (Pillow, reportlab) stay inside functions."""
