"""Local simulators of the national services (INSi, DMP, PSC, Annuaire, MSSanté), served by `lgc-sandbox`.

Framework: `ca` (test PKI), `server` (listeners, `run_in_thread`), `registry` (simulator interface),
`faults` (latency and failures), `manifest` (`sandbox.json`), `connection` (TLS peer). One sub-package
per simulator. Nothing in `lgc_app/` or `ui/` imports this package: they read the manifest.
"""
