"""Loading rule packs: safe YAML with line numbers, schema validation, overrides, examples."""
