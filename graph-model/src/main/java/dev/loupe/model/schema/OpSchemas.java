package dev.loupe.model.schema;

import dev.loupe.model.OpsetId;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/// A registry of operator schemas that resolves an operator to the version in force at an opset version.
///
/// Domains are compared canonically ([OpsetId#canonicalDomain(String)]): `""` and `"ai.onnx"` are the
/// same domain. Instances are immutable and safe to share between threads.
public final class OpSchemas {

    private static final String RESOURCE = "op-schemas.pb";

    private final String onnxVersion;
    /// Domain → operator name → versions by ascending since-version.
    private final SortedMap<String, SortedMap<String, List<OpSchema>>> schemas;

    OpSchemas(String onnxVersion, Collection<OpSchema> all) {
        this.onnxVersion = onnxVersion;
        var byDomain = new TreeMap<String, SortedMap<String, List<OpSchema>>>();
        all.stream()
                .collect(Collectors.groupingBy(OpSchema::domain, Collectors.groupingBy(OpSchema::name)))
                .forEach((domain, byName) -> {
                    var versions = new TreeMap<String, List<OpSchema>>();
                    byName.forEach((name, list) -> versions.put(name, list.stream()
                            .sorted(Comparator.comparingLong(OpSchema::sinceVersion)).toList()));
                    byDomain.put(domain, Collections.unmodifiableSortedMap(versions));
                });
        this.schemas = Collections.unmodifiableSortedMap(byDomain);
    }

    /// The schemas of the standard domains `ai.onnx`, `ai.onnx.ml` and `ai.onnx.preview.training`, read
    /// from the catalogue bundled with Loupe on the first call (thread-safe) and shared afterwards.
    ///
    /// @throws IllegalStateException on the first call, if the bundled catalogue is missing or corrupt
    public static OpSchemas standard() {
        return Standard.INSTANCE;
    }

    /// The schema of `opType` in force at version `opsetVersion` of `domain`: the one with the highest
    /// since-version not above `opsetVersion`. Empty when the domain or operator is unknown, or the
    /// operator was introduced after `opsetVersion`. A deprecated schema is returned like any other.
    public Optional<OpSchema> find(String domain, String opType, long opsetVersion) {
        var list = versions(domain, opType);
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).sinceVersion() <= opsetVersion) {
                return Optional.of(list.get(i));
            }
        }
        return Optional.empty();
    }

    /// Every version of an operator, by ascending since-version; empty when it is unknown.
    public List<OpSchema> versions(String domain, String opType) {
        return byName(domain).getOrDefault(opType, List.of());
    }

    /// The names of the operators of a domain, in alphabetical order; empty when the domain is unknown.
    public Set<String> opTypes(String domain) {
        return byName(domain).keySet();
    }

    /// The canonical names of the domains that have schemas, in alphabetical order (`""` first).
    public Set<String> domains() {
        return schemas.keySet();
    }

    /// The version of the onnx package the schemas were read from, for example `1.12.0`.
    public String onnxVersion() {
        return onnxVersion;
    }

    private Map<String, List<OpSchema>> byName(String domain) {
        return schemas.getOrDefault(OpsetId.canonicalDomain(domain), Collections.emptySortedMap());
    }

    /// Holds the standard registry; the JVM initializes it once, on first use.
    private static final class Standard {
        static final OpSchemas INSTANCE = CatalogReader.readResource(RESOURCE);
    }
}
