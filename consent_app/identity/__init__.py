"""Identity documents: MRZ reading and check digits, PRC resident ID numbers (Qt-free)."""
