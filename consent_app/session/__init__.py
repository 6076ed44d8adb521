"""The capture session: a Qt-free state machine the wizard draws (see :mod:`.flow`)."""
