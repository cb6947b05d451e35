package dev.loupe.app.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorTest {

    @TempDir
    Path dir;

    @Test
    void statisticsCountZerosAndNonFiniteValuesApart() {
        var s = TensorStatistics.of(new float[] {0, 1, 2, 3, Float.NaN, Float.POSITIVE_INFINITY});
        assertThat(s.count()).isEqualTo(6);
        assertThat(s.finite()).isEqualTo(4);
        assertThat(s.min()).isEqualTo(0);
        assertThat(s.max()).isEqualTo(3);
        assertThat(s.mean()).isEqualTo(1.5);
        assertThat(s.std()).isCloseTo(Math.sqrt(1.25), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.zeros()).isEqualTo(1);
        assertThat(s.nan()).isEqualTo(1);
        assertThat(s.posInf()).isEqualTo(1);
        assertThat(s.histogram(new float[] {0, 1, 2, 3}, 3)).containsExactly(1, 1, 2);
    }

    @Test
    void viewModelSlicesTheLastTwoAxes() {
        var values = new float[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        var vm = new TensorViewModel(TensorData.ofFloats("t", new long[] {2, 3, 4}, values));
        assertThat(vm.rows()).isEqualTo(3);
        assertThat(vm.columns()).isEqualTo(4);
        assertThat(vm.value(1, 2)).isEqualTo(6);
        vm.leadingIndexes().getFirst().set(1);
        assertThat(vm.value(1, 2)).isEqualTo(18);
        assertThat(vm.typeText()).contains("float").contains("2×3×4");
    }

    @Test
    void heatmapAndChannelMosaicOfAnNchwTensor() {
        var values = new float[2 * 4 * 2 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i - 10;
        }
        values[5] = Float.NaN;
        var vm = new TensorViewModel(TensorData.ofFloats("t", new long[] {2, 4, 2, 3}, values));
        assertThat(vm.hasChannels()).isTrue();
        var grey = vm.sliceImage();
        assertThat(grey[0]).isEqualTo(0xFF000000);
        assertThat(grey[5]).isEqualTo(0xFFFF00FF);
        vm.colorModeProperty().set(ColorMaps.Mode.HEAT);
        assertThat(ColorMaps.color(ColorMaps.Mode.HEAT, 0, -1, 1)).isEqualTo(0xFFF7F7F7);
        assertThat(vm.sliceImage()[0]).isNotEqualTo(grey[0]);
        var mosaic = vm.channelMosaic(1);
        assertThat(mosaic.columns()).isEqualTo(2);
        assertThat(mosaic.width()).isEqualTo(2 * 3 + 1);
        assertThat(mosaic.height()).isEqualTo(2 * 2 + 1);
        assertThat(mosaic.argb()[3]).isEqualTo(0xFF808080);
        int last = values.length - 1;
        assertThat(mosaic.argb()[mosaic.argb().length - 1])
                .isEqualTo(ColorMaps.color(ColorMaps.Mode.HEAT, values[last], -10, last - 10));
    }

    @Test
    void writesNumpyFiles() throws Exception {
        var out = dir.resolve("t.npy");
        NpyWriter.write(TensorData.ofFloats("t", new long[] {2, 3}, 1, 2, 3, 4, 5, 6), out);
        var bytes = Files.readAllBytes(out);
        assertThat(new String(bytes, 1, 5)).isEqualTo("NUMPY");
        int headerLen = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertThat((10 + headerLen) % 64).isZero();
        var header = new String(bytes, 10, headerLen);
        assertThat(header).contains("'descr': '<f4'").contains("'shape': (2, 3)").endsWith("\n");
        assertThat(bytes.length).isEqualTo(10 + headerLen + 24);
        assertThat(ByteBuffer.wrap(bytes, 10 + headerLen + 20, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat()).isEqualTo(6f);
    }
}
