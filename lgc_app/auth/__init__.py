"""Who may sign in, and how: local accounts (SSI IE.31–IE.36), their permissions and the session they open."""
