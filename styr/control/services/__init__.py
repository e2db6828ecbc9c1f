"""Services of internal control and KS's oversight: the only code that writes (one module per concept)."""
