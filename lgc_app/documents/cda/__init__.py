"""CDA R2 documents as the CI-SIS specifies them, built with lxml from the domain content.

`build.build_cda(header, content, pdf)` picks the builder of the document type: VSM, VAC-NOTE and
EP-MED-DM are N3 (structured body with coded entries), the other types are N1 (a PDF/A in a nonXMLBody).
"""
