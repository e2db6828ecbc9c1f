"""Selectors of internal control and KS's oversight: reads with permissions (one module per concept)."""
