"""How this software declares itself to the national services (LPS: logiciel de professionnel de santé)."""

from __future__ import annotations

import uuid

LPS_NAME = "LGC-SEGUR"
# Numéro d'autorisation (ContexteLPS IDAM, PROTOCOLS §2.3): assigned by the CNAM at INSi qualification.
LPS_IDAM = "LGC-SEGUR-0001"
# LPS_ID_HOMOLOGATION_DMP: the number the CNAM gives at DMP homologation (assumed until then).
LPS_HOMOLOGATION = "LGC-SEGUR-DMP-0001"
# X-MSS-NIL when the setting mss.nil is empty: the "référence produit" until the declaration on Convergence.
MSS_PRODUCT_REFERENCE = "LGC-SEGUR-MSS-0001"


def instance_id(workstation_name: str) -> str:
    """The installation's stable identifier (INSi ContexteLPS Instance, VIHF LPS_ID)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"lgc-segur:{workstation_name}"))
