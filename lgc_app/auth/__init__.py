"""Who is acting: sign-in use cases (Pro Santé Connect, CPS card, local accounts)."""
