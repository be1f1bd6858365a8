"""The use cases: one module per record category or workflow.

Each takes a SQLAlchemy session and the acting staff member (``Actor``), checks permissions,
validates through ``lxp_desktop.domain`` and writes the audit log in the same transaction.
"""
