package dev.loupe.executor.kernel;

import dev.loupe.model.OpsetId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/// Kernels by domain, operator and since-version. Resolution follows the ONNX versioning rule: for a model
/// importing version V of a domain, the kernel with the highest since-version at or below V is used.
///
/// Registration happens before use (built-in families, then plugins); lookups are then safe from any thread.
public final class KernelRegistry {

    /// One registered kernel version.
    public record Registration(String domain, String opType, int sinceVersion, KernelFactory factory) {}

    private final Map<String, List<Registration>> byOp = new HashMap<>();

    /// Registers `factory` for `domain.opType` from `sinceVersion` on (domain `""` or `"ai.onnx"` is ONNX).
    public KernelRegistry register(String domain, String opType, int sinceVersion, KernelFactory factory) {
        var list = byOp.computeIfAbsent(key(domain, opType), k -> new ArrayList<>());
        list.removeIf(r -> r.sinceVersion() == sinceVersion);
        list.add(new Registration(OpsetId.canonicalDomain(domain), opType, sinceVersion, factory));
        list.sort(Comparator.comparingInt(Registration::sinceVersion));
        return this;
    }

    /// Registers the same factory for several since-versions (an operator whose versions differ only in
    /// ways the kernel already handles, such as added types).
    public KernelRegistry register(String domain, String opType, int[] sinceVersions, KernelFactory factory) {
        for (int v : sinceVersions) {
            register(domain, opType, v, factory);
        }
        return this;
    }

    /// The kernel for `domain.opType` at the given opset version of its domain.
    public Optional<Registration> resolve(String domain, String opType, long opsetVersion) {
        var list = byOp.get(key(domain, opType));
        if (list == null) {
            return Optional.empty();
        }
        Registration best = null;
        for (var r : list) {
            if (r.sinceVersion() <= opsetVersion) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /// The since-versions registered for an operator, ascending (for messages).
    public List<Integer> versions(String domain, String opType) {
        var list = byOp.get(key(domain, opType));
        return list == null ? List.of() : list.stream().map(Registration::sinceVersion).toList();
    }

    /// All registered `domain:opType` keys, sorted.
    public Set<String> operators() {
        return new TreeSet<>(byOp.keySet());
    }

    private static String key(String domain, String opType) {
        return OpsetId.canonicalDomain(domain) + ":" + opType;
    }
}
