package dev.loupe.model;

/// A key/value pair, as used by metadata properties and external-data locations.
public record StringEntry(String key, String value) {}
