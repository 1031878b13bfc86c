"""The native REST API of the catalogue (/api/v1/)."""
