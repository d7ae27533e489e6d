"""The pooled random identifiers of the DMP messages (`services.dmp.ids`)."""

from __future__ import annotations

import os
import uuid

from services.dmp import ids


def test_identifiers_are_version_4_uuids_never_repeated() -> None:
    drawn = [uuid.UUID(ids.uuid4_text()) for _ in range(5000)]  # more than one refill of the pool
    assert all(value.version == 4 and value.variant == uuid.RFC_4122 for value in drawn)
    assert len(set(drawn)) == len(drawn)
    assert len(ids.uuid4_hex()) == 32 and len(ids.random_hex(8)) == 16


def test_a_forked_child_does_not_hand_out_its_parents_next_bytes() -> None:
    ids.uuid4_hex()  # the pool holds bytes not yet handed out
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: its next identifier, to the parent
        os.write(write, ids.uuid4_hex().encode())
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    child_next = os.read(read, 64).decode()
    os.close(read)
    assert child_next != ids.uuid4_hex()  # the parent's next one, from the same pool position
