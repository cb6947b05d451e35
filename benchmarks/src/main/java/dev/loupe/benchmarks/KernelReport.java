package dev.loupe.benchmarks;

import dev.loupe.executor.simd.VectorSupport;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/// Runs the FMA peak, SGEMM and Conv benchmarks through JMH (with the GC profiler) and prints a Markdown
/// table of GFLOP/s, the fraction of the measured single-core FMA peak and the bytes allocated per call.
///
/// ```
/// java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.loupe.benchmarks.KernelReport [--quick] [--threads N]
/// ```
///
/// `--quick` shortens warm-up and measurement (for a smoke run, not for figures).
public final class KernelReport {

    private KernelReport() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = List.of(args).contains("--quick");
        String threads = "1";
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--threads")) {
                threads = args[i + 1];
            }
        }
        var options = new OptionsBuilder()
                .include(FmaPeakBenchmark.class.getSimpleName())
                .include(SgemmBenchmark.class.getSimpleName())
                .include(ConvBenchmark.class.getSimpleName())
                .include(WinogradBenchmark.class.getSimpleName())
                .param("threads", threads)
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("--add-modules=jdk.incubator.vector");
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(300)).measurementIterations(2)
                    .measurementTime(TimeValue.milliseconds(300));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println(table(results, threads));
    }

    static String table(Collection<RunResult> results, String threads) {
        double peak = 0;
        var rows = new ArrayList<String[]>();
        for (var r : results) {
            var name = r.getParams().getBenchmark();
            double micros = toMicros(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit());
            double flops;
            String label;
            if (name.endsWith("FmaPeakBenchmark.fma")) {
                flops = FmaPeakBenchmark.flops();
                peak = flops / micros / 1e3;
                label = "FMA peak (" + VectorSupport.lanes() + " lanes, 16 chains)";
            } else if (name.contains("SgemmBenchmark")) {
                var shape = r.getParams().getParam("shape");
                flops = SgemmBenchmark.flops(shape);
                label = "SGEMM " + shape + " (MxKxN), " + name.substring(name.lastIndexOf('.') + 1);
            } else if (name.contains("ConvBenchmark")) {
                var layer = r.getParams().getParam("layer");
                flops = ConvBenchmark.flops(layer);
                label = "Conv " + layer + " (C/size/k/stride/pad/M)";
            } else if (name.contains("WinogradBenchmark")) {
                var layer = r.getParams().getParam("layer");
                flops = ConvBenchmark.flops(layer);
                label = "Conv " + layer + ", Winograd (direct-sum FLOPs)";
            } else {
                continue;
            }
            var alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            rows.add(new String[] {label, fmt(micros), fmt(flops / micros / 1e3), "", alloc == null ? "?" : fmt(alloc.getScore())});
        }
        var sb = new StringBuilder();
        sb.append("| benchmark (threads ").append(threads).append(") | µs/call | GFLOP/s | % of 1-core FMA peak | B allocated/call |\n");
        sb.append("|---|---:|---:|---:|---:|\n");
        for (var row : rows) {
            double gflops = Double.parseDouble(row[2]);
            row[3] = peak > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * gflops / peak) : "?";
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return sb.toString();
    }

    private static double toMicros(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> score / 1e3;
            case "us/op" -> score;
            case "ms/op" -> score * 1e3;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
