package dev.loupe.executor.io;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void readsArraysWrittenByNumPy() throws Exception {
        var f32 = NpyReader.read(fixture("f32_2x3.npy"));
        assertThat(f32.describe()).isEqualTo("float[2,3]");
        assertThat(f32.floats()).containsExactly(0, 1, 2, 3, 4, 5);
        var fortran = NpyReader.read(fixture("f64_fortran.npy"));
        assertThat(fortran.doubles()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(NpyReader.read(fixture("i4_big_endian.npy")).ints()).containsExactly(1, -2, 300);
        var bools = NpyReader.read(fixture("bool.npy"));
        assertThat(bools.type()).isEqualTo(ElementType.BOOL);
        assertThat(bools.bytes()).containsExactly(1, 0, 1);
        assertThat(NpyReader.read(fixture("unicode.npy")).strings()).containsExactly("a", "héllo", "xyz");
        var scalar = NpyReader.read(fixture("scalar.npy"));
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.floats()).containsExactly(3.5f);
    }

    @Test
    void readsNpzArchives() throws Exception {
        var arrays = NpzReader.read(fixture("arrays.npz"));
        assertThat(arrays.keySet()).containsExactly("a", "b");
        assertThat(arrays.get("a").longs()).containsExactly(1, 2, 3);
        assertThat(arrays.get("b").describe()).isEqualTo("float16[2,2]");
        assertThat(arrays.get("b").getDouble(3)).isEqualTo(1.0);
    }

    @Test
    void refusesTruncatedFilesAndUnsupportedDtypesInOneLine(@TempDir Path dir) throws Exception {
        var whole = Files.readAllBytes(fixture("f32_2x3.npy"));
        var cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 5));
        assertThatThrownBy(() -> NpyReader.read(cut)).isInstanceOf(ValueFileException.class)
                .hasMessage("cut.npy: truncated: float[2, 3] needs 24 bytes of data but the file has 19");
        var header = dir.resolve("header.npy");
        Files.write(header, Arrays.copyOf(whole, 30));
        assertThatThrownBy(() -> NpyReader.read(header)).hasMessageStartingWith("header.npy: truncated: the header needs");
        assertThatThrownBy(() -> NpyReader.read(fixture("objects.npy")))
                .hasMessage("objects.npy: unsupported dtype '|O' (Python objects)");
        var text = dir.resolve("text.npy");
        Files.writeString(text, "hello, world");
        assertThatThrownBy(() -> NpyReader.read(text)).hasMessage("text.npy: not a .npy file (no \\x93NUMPY magic)");
    }

    @Test
    void writesWhatItReads(@TempDir Path dir) throws Exception {
        var values = new Tensor[] {
            Tensor.ofFloats(new long[] {2, 2}, 1.5f, -2f, Float.NaN, 4f),
            Tensor.ofLongs(new long[] {3}, Long.MIN_VALUE, 0, 7),
            Tensor.of(ElementType.BOOL, new long[] {2}, new byte[] {1, 0}),
            Tensor.of(ElementType.STRING, new long[] {2}, new String[] {"x", "naïve"}),
            Tensor.scalar(2.25f),
        };
        for (int i = 0; i < values.length; i++) {
            var f = dir.resolve("v" + i + ".npy");
            NpyWriter.write(values[i], f);
            var back = NpyReader.read(f);
            assertThat(back.describe()).isEqualTo(values[i].describe());
            assertThat(back.data()).isEqualTo(values[i].data());
            assertThat(Files.size(f) - back.byteSize()).isGreaterThanOrEqualTo(64);
        }
        assertThatThrownBy(() -> NpyWriter.write(Tensor.allocate(ElementType.BFLOAT16, 2), dir.resolve("b.npy")))
                .hasMessage("b.npy: bfloat16 has no NumPy dtype; write it as .pb");
    }
}
