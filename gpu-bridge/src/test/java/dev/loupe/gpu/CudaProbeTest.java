package dev.loupe.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The probe against a missing driver and against fake drivers built here with gcc, so CI (which has no
/// GPU) exercises the same code paths a real driver would.
class CudaProbeTest {

    @TempDir
    Path dir;

    private Path fakeDriver(String initStatus, String devices) throws Exception {
        var source = dir.resolve("fake.c");
        Files.writeString(source, """
                int cuInit(unsigned int flags) { return %s; }
                int cuDeviceGetCount(int *count) { *count = %s; return 0; }
                int cuDriverGetVersion(int *version) { *version = 13000; return 0; }
                """.formatted(initStatus, devices));
        var lib = dir.resolve("libcuda-fake-" + initStatus + "-" + devices + ".so");
        var gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", lib.toString(), source.toString()).inheritIO().start();
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as("gcc builds the fake driver").isZero();
        return lib;
    }

    @Test
    void missingLibraryIsACleanResult() {
        var result = CudaProbe.probe(dir.resolve("libcuda-absent.so").toString());
        assertThat(result).isInstanceOf(CudaProbe.Result.Unavailable.class);
        assertThat(((CudaProbe.Result.Unavailable) result).reason()).contains("could not be loaded");
    }

    @Test
    void workingFakeDriverReportsItsDevices() throws Exception {
        var result = CudaProbe.probe(fakeDriver("0", "2").toString());
        assertThat(result).isEqualTo(new CudaProbe.Result.Available(2, 13000));
    }

    @Test
    void failingInitIsReportedWithItsErrorCode() throws Exception {
        var result = CudaProbe.probe(fakeDriver("100", "1").toString());
        assertThat(result).isEqualTo(new CudaProbe.Result.Unavailable("no CUDA device: cuInit failed with CUDA error 100"));
    }

    @Test
    void zeroDevicesIsNoDevice() throws Exception {
        var result = CudaProbe.probe(fakeDriver("0", "0").toString());
        assertThat(result).isInstanceOf(CudaProbe.Result.Unavailable.class);
    }

    @Test
    void libraryWithoutDriverEntryPointsIsNoDevice() throws Exception {
        var source = dir.resolve("other.c");
        Files.writeString(source, "int unrelated(void) { return 1; }\n");
        var lib = dir.resolve("libother.so");
        assertThat(new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", lib.toString(), source.toString()).start().waitFor()).isZero();
        assertThat(CudaProbe.probe(lib.toString())).isEqualTo(
                new CudaProbe.Result.Unavailable("no CUDA device: " + lib + " lacks the driver API entry points"));
    }
}
