"""Every widget of the kiosk (Qt). The core packages never import this one."""
