package dev.loupe.app.cli;

import dev.loupe.executor.session.ExecutionMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModeOptionTest {

    private final CommandLine.Model.CommandSpec spec = new CommandLine(new BenchCommand()).getCommandSpec();

    @Test
    void namesEitherModeInAnyCase() {
        assertThat(ModeOption.parse(spec, "fast")).isEqualTo(ExecutionMode.FAST);
        assertThat(ModeOption.parse(spec, "DEBUG")).isEqualTo(ExecutionMode.DEBUG);
    }

    @Test
    void rejectsOtherNames() {
        assertThatThrownBy(() -> ModeOption.parse(spec, "quick"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--mode must be debug or fast, not 'quick'");
    }

    @Test
    void benchAndRunDefaultToFast() {
        var bench = new BenchCommand();
        new CommandLine(bench).parseArgs("model.onnx");
        assertThat(bench.mode).isEqualTo("fast");
        var run = new RunCommand();
        new CommandLine(run).parseArgs("model.onnx", "--mode", "debug");
        assertThat(run.mode).isEqualTo("debug");
    }
}
