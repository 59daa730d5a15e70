"""The offline self-check of risk factors (no Qt). Filled in by the self-check issue."""
