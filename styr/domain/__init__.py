"""Pure rules of the governance model. Never imports django (tests/domain enforces it)."""
