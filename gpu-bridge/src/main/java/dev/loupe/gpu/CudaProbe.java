package dev.loupe.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/// Finds out whether a CUDA device can be used, through the driver library `libcuda.so.1` and the Foreign
/// Function & Memory API. A missing library, a failing driver call or zero devices are ordinary results,
/// never exceptions or crashes.
public final class CudaProbe {

    /// What the probe found.
    public sealed interface Result {
        /// At least one device is usable.
        record Available(int deviceCount, int driverVersion) implements Result {}

        /// No device can be used, and why (one line).
        record Unavailable(String reason) implements Result {}
    }

    private CudaProbe() {
    }

    /// Probes the driver found by the system's library loader.
    public static Result probe() {
        return probe("libcuda.so.1");
    }

    /// Probes the driver at `library` (a file name for the loader, or a path), e.g. a test's fake driver.
    public static Result probe(String library) {
        SymbolLookup lookup;
        var arena = Arena.ofShared();
        try {
            lookup = library.contains("/") ? SymbolLookup.libraryLookup(Path.of(library), arena)
                    : SymbolLookup.libraryLookup(library, arena);
        } catch (IllegalArgumentException e) {
            arena.close();
            return new Result.Unavailable("no CUDA driver: " + library + " could not be loaded");
        }
        try {
            var linker = Linker.nativeLinker();
            var init = function(linker, lookup, "cuInit", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            var count = function(linker, lookup, "cuDeviceGetCount", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            var version = function(linker, lookup, "cuDriverGetVersion", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            if (init == null || count == null || version == null) {
                return new Result.Unavailable("no CUDA device: " + library + " lacks the driver API entry points");
            }
            int status = (int) init.invokeExact(0);
            if (status != 0) {
                return new Result.Unavailable("no CUDA device: cuInit failed with CUDA error " + status);
            }
            try (var local = Arena.ofConfined()) {
                var out = local.allocate(ValueLayout.JAVA_INT);
                status = (int) count.invokeExact(out);
                if (status != 0) {
                    return new Result.Unavailable("no CUDA device: cuDeviceGetCount failed with CUDA error " + status);
                }
                int devices = out.get(ValueLayout.JAVA_INT, 0);
                if (devices == 0) {
                    return new Result.Unavailable("no CUDA device: the driver reports no devices");
                }
                status = (int) version.invokeExact(out);
                return new Result.Available(devices, status == 0 ? out.get(ValueLayout.JAVA_INT, 0) : -1);
            }
        } catch (Throwable t) {
            return new Result.Unavailable("no CUDA device: " + t.getClass().getSimpleName() + " while calling the driver");
        } finally {
            arena.close();
        }
    }

    private static MethodHandle function(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        return lookup.find(name).map(symbol -> linker.downcallHandle(symbol, descriptor)).orElse(null);
    }
}
