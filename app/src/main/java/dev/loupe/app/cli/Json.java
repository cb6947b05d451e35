package dev.loupe.app.cli;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/// Writes plain Java values (maps, lists, strings, numbers, booleans, null) as JSON text.
///
/// Hand-written because the command line only ever *writes* small JSON documents: a dozen lines here
/// beat a parsing library and its module on the class path.
public final class Json {

    private Json() {
    }

    public static String write(Object value) {
        var sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Double d when d.isNaN() || d.isInfinite() -> string(sb, d.toString());
            case Float f when f.isNaN() || f.isInfinite() -> string(sb, f.toString());
            case Number n -> sb.append(n);
            case Map<?, ?> m -> container(sb, '{', '}', m.entrySet().iterator(), indent, (e, i) -> {
                var entry = (Map.Entry<?, ?>) e;
                string(sb, String.valueOf(entry.getKey()));
                sb.append(": ");
                write(sb, entry.getValue(), i);
            });
            case Collection<?> c -> container(sb, '[', ']', c.iterator(), indent, (e, i) -> write(sb, e, i));
            case long[] a -> write(sb, java.util.Arrays.stream(a).boxed().toList(), indent);
            default -> string(sb, v.toString());
        }
    }

    private interface ElementWriter {
        void write(Object element, int indent);
    }

    private static void container(StringBuilder sb, char open, char close, Iterator<?> it, int indent, ElementWriter w) {
        sb.append(open);
        if (!it.hasNext()) {
            sb.append(close);
            return;
        }
        while (it.hasNext()) {
            sb.append('\n').append("  ".repeat(indent + 1));
            w.write(it.next(), indent + 1);
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        sb.append('\n').append("  ".repeat(indent)).append(close);
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
