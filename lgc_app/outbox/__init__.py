"""The outbox: durable send orders written in the business transaction, executed later by a worker.

ARCHITECTURE.md "Data flow" §2-4: a use case inserts orders (`orders.enqueue`) in its own unit of work;
a worker (`worker.Worker`, run by `lgc worker`, alone or as the GUI's child `process.WorkerProcess`) claims
due orders, calls the handler registered for their kind (by the composition root,
`lgc_app.bootstrap.outbox_handlers`) and records outcome and trace.
"""
