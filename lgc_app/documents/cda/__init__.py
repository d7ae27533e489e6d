"""CDA R2 documents as the CI-SIS specifies them, built with lxml from the domain content.

Each document type's spec (lgc_app.documents.types) names its builder: VSM, VAC-NOTE and EP-MED-DM are N3
(structured body with coded entries), the other types are N1 (a PDF/A in a nonXMLBody, unstructured.py).
"""
