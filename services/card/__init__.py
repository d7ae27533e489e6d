"""The CPS card behind one interface (`card.Card`): a PKCS#11 token read through the vendor's library
(`pkcs11_card`), or a PKCS#12 software card for a demonstration machine without a reader (`pkcs12_card`)."""
