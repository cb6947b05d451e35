package dev.loupe.model;

/// Content of a model element that this layer does not interpret (fields of a newer IR version, vendor
/// extensions), kept in its serialized form so that a save writes it back unchanged.
///
/// Only the model's I/O package reads or writes the bytes; to everyone else it is a sealed box.
public record Opaque(byte[] bytes) {

    public static final Opaque NONE = new Opaque(new byte[0]);

    public boolean isEmpty() {
        return bytes.length == 0;
    }
}
