"""The DMP in the core: feeding (send orders, per-type preferences, withholding) and consultation."""
