"""Clinical documents: model and lifecycle, CDA R2 builders (CI-SIS), sharing metadata.

The use cases live in `lifecycle` (create_draft, update_draft, update_metadata, validate, replace, archive,
delete); `metadata.SharingMetadata` is what XDS and MSSanté read.
"""
