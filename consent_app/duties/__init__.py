"""Duties on a schedule: status list, checkpoint, backup, retention sweep, complaint deadlines."""

from consent_app.duties.run import DUTIES, DutyResult, duty_status, run_duties

__all__ = ["DUTIES", "DutyResult", "duty_status", "run_duties"]
