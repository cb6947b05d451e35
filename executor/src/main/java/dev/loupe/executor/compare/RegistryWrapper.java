package dev.loupe.executor.compare;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelRegistry;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.model.Model;

import java.util.function.BiFunction;

/// A copy of a [KernelRegistry] (same domains, operators and since-versions, so sessions resolve exactly
/// the same kernels) whose kernels can be decorated per session: the decorator given to [#session] sees
/// every kernel built while that session compiles. Copied once, used for many sessions.
///
/// Threading: sessions may be built from several threads at once; each sees only its own decorator.
final class RegistryWrapper {

    private final KernelRegistry registry = new KernelRegistry();
    private final ThreadLocal<BiFunction<NodeSpec, Kernel, Kernel>> decorator = new ThreadLocal<>();

    RegistryWrapper(KernelRegistry base) {
        for (var key : base.operators()) {
            int colon = key.lastIndexOf(':');
            var domain = key.substring(0, colon);
            var op = key.substring(colon + 1);
            for (int version : base.versions(domain, op)) {
                var factory = base.resolve(domain, op, version).orElseThrow().factory();
                registry.register(domain, op, version, spec -> {
                    var kernel = factory.create(spec);
                    var decorate = decorator.get();
                    return decorate == null ? kernel : decorate.apply(spec, kernel);
                });
            }
        }
    }

    /// A session of `model` whose kernels are those of the base registry passed through `decorate`.
    Session session(Model model, SessionOptions options, BiFunction<NodeSpec, Kernel, Kernel> decorate) {
        decorator.set(decorate);
        try {
            return Session.create(model, registry, options);
        } finally {
            decorator.remove();
        }
    }
}
