package dev.loupe.executor.simd;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/// The warm-up's rounds call every kernel with operands of consistent shapes, and the background thread
/// starts once.
class WarmUpTest {

    @Test
    void roundsRunEveryKernelWithoutFailing() {
        assumeTrue(VectorSupport.ENABLED, "the warm-up runs only with the vector kernels");
        assertThat(WarmUp.run(java.util.concurrent.TimeUnit.MINUTES.toNanos(1), 3)).isEqualTo(3);
    }

    @Test
    void roundsStopAtTheTimeLimit() {
        assertThat(WarmUp.run(0, 1000)).isZero();
    }

    @Test
    void theBackgroundThreadStartsOnce() {
        assumeTrue(VectorSupport.ENABLED, "without the vector kernels there is nothing to warm up");
        WarmUp.startInBackground();
        WarmUp.startInBackground();
        long threads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("loupe-warm-up")).count();
        assertThat(threads).isLessThanOrEqualTo(1);
    }
}
