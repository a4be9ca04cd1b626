"""Project format overrides (settings.FORMAT_MODULE_PATH), looked up before Django's own."""
