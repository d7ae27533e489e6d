"""MSSanté: the secure health messaging client (submission, reading, IHE XDM archives, reports)."""
