"""The capture-session wizard and the subject kiosk: they draw ``consent_app.session.flow``."""
