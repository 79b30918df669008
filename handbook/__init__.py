"""SEND Handbook: reading the content, and the search index format shared by the build and the service."""
