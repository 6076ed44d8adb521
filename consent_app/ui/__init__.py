"""The desktop UI (PySide6). It draws the Qt-free core and holds no business rules."""
