"""The audit trail (Ségur SSI, issue 11 item 6): who read or changed what, when, from which workstation.

`trail.record` appends one row inside the caller's own transaction; the table is append-only (database
triggers, revision 0009_audit) and tamper-evident (each row's hash covers the previous one: `chain.verify`).
"""
