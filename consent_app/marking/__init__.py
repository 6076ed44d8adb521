"""Marking generated media (``consent-mark``) and tracing a file back (``consent-trace``).

Shipped with the ``mark`` extra of the standalone verifier distribution: these modules need c2pa,
PyAV and Pillow, which ``consent_app.verify`` never imports. ``consent_app.marking.trace.trace_file``
is the Qt-free core both ``consent-trace`` and the app's "Trace a file" use.
"""
