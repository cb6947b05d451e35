package dev.loupe.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HostCheckTest {

    /// The figures from counts and times: two threads' calls over one thread's, and the median of each set of
    /// read times turned into GB/s (2 MB in 40 µs is 52 GB/s; the odd slow read does not move the median).
    @Test
    void computesScalingAndMedianRates() {
        var reading = new HostCheck.Reading(1000, 980, 990, new long[] {40_000, 41_000, 39_000, 400_000, 40_500},
                new long[] {80_000, 79_000, 300_000, 81_000, 78_000});
        assertThat(reading.fmaScaling()).isCloseTo(1.97, within(1e-9));
        assertThat(reading.ownGbPerSecond()).isCloseTo(4.0 * HostCheck.BUFFER_FLOATS / 40_500, within(1e-9));
        assertThat(reading.otherGbPerSecond()).isCloseTo(4.0 * HostCheck.BUFFER_FLOATS / 80_000, within(1e-9));
        assertThat(reading.describe()).isEqualTo("two threads' FMA throughput 1.97x one thread's; 2 MB read at 52 GB/s"
                + " written by the reading core, 26 GB/s written by the other");
    }

    /// A real, short reading: counts and rates that can be figures at all (the values themselves are the host's).
    @Test
    void measuresThisHost() throws Exception {
        var reading = HostCheck.measure(40);
        assertThat(reading.alone()).isPositive();
        assertThat(reading.first()).isPositive();
        assertThat(reading.second()).isPositive();
        assertThat(reading.fmaScaling()).isBetween(0.05, 3.0);
        assertThat(reading.ownGbPerSecond()).isPositive().isFinite();
        assertThat(reading.otherGbPerSecond()).isPositive().isFinite();
    }
}
