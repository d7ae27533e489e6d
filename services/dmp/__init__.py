"""DMP (Mon espace santé) client: IHE XDS.b as the DMP uses it, with the VIHF (PROTOCOLS.md §3)."""
