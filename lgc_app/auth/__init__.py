"""Who may sign in, and how: local accounts (SSI IE.31–IE.36), Pro Santé Connect, the CPS card, their
permissions and the session they open."""
