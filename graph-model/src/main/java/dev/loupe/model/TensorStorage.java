package dev.loupe.model;

import java.lang.foreign.MemorySegment;
import java.util.List;

/// Where a tensor's values live and how the file encodes them. The encoding is kept so that a model saved
/// without edits is written back field for field.
public sealed interface TensorStorage {

    /// Values in the raw little-endian layout (`raw_data`), on the heap or in a read-only mapping of the file.
    record Raw(MemorySegment bytes) implements TensorStorage {}

    /// Values in one of the typed repeated fields of the format. `values` is a `float[]`, `int[]`, `long[]`,
    /// `double[]` or a `List<byte[]>` matching `field`.
    record Typed(Field field, Object values) implements TensorStorage {
        public Typed {
            boolean ok = switch (field) {
                case FLOAT_DATA -> values instanceof float[];
                case INT32_DATA -> values instanceof int[];
                case INT64_DATA, UINT64_DATA -> values instanceof long[];
                case DOUBLE_DATA -> values instanceof double[];
                case STRING_DATA -> values instanceof List<?>;
            };
            if (!ok) {
                throw new IllegalArgumentException(field + " cannot hold " + values.getClass().getSimpleName());
            }
        }
    }

    /// Values in a separate file. `entries` are the `external_data` key/value pairs exactly as written
    /// (`location`, `offset`, `length`, `checksum`...); `bytes` is the resolved, read-only mapping of the
    /// data, already checked to lie inside the model's folder and inside the file.
    record External(List<StringEntry> entries, MemorySegment bytes) implements TensorStorage {
        public External {
            entries = List.copyOf(entries);
        }

        public String location() {
            return entries.stream().filter(e -> e.key().equals("location")).map(StringEntry::value)
                    .findFirst().orElse("");
        }
    }

    /// The typed repeated fields of `TensorProto`.
    enum Field { FLOAT_DATA, INT32_DATA, INT64_DATA, DOUBLE_DATA, UINT64_DATA, STRING_DATA }
}
