"""Complaints: the register, intake (staff, web form, e-mail), tracing, workflow, refutation statements."""

from consent_app.complaints.intake import Filed, Submission, read_submission, register_complaint
from consent_app.complaints.model import CLAIMS, ROLES, STATES, Complaint
from consent_app.complaints.register import (
    decide_link,
    get,
    get_verified,
    list_complaints,
    record_action,
    transition,
)

__all__ = ["CLAIMS", "ROLES", "STATES", "Complaint", "Filed", "Submission", "decide_link", "get",
           "get_verified", "list_complaints", "read_submission", "record_action", "register_complaint",
           "transition"]
