package dev.loupe.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.FxThread;
import dev.loupe.app.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The main view model without a window: JavaFX runs (tasks report through it) but no stage is shown.
class MainViewModelTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void startFx() throws Exception {
        FxThread.start();
    }

    @Test
    void opensRemembersAndClosesAModel() throws Exception {
        var prefs = Preferences.userRoot().node("dev/loupe/test/vm" + System.nanoTime());
        var vm = FxThread.call(() -> new MainViewModel(new RecentFiles(prefs)));
        var path = TestModels.path("node/test_loop11");
        var opened = new CompletableFuture<ModelDocument>();
        FxThread.call(() -> {
            vm.documentProperty().addListener((o, a, d) -> opened.complete(d));
            vm.open(path);
            return null;
        });
        var doc = opened.get(60, TimeUnit.SECONDS);
        assertThat(doc.model().graph().nodes()).hasSize(1);
        assertThat(FxThread.call(() -> vm.titleProperty().get())).isEqualTo("model.onnx — Loupe");
        assertThat(FxThread.call(() -> vm.diagram().getLevel().layout().nodeCount())).isEqualTo(6);
        assertThat(new RecentFiles(prefs).list()).containsExactly(path.toAbsolutePath().normalize());
        FxThread.call(() -> {
            vm.close();
            return null;
        });
        assertThat(FxThread.call(vm::getDocument)).isNull();
        prefs.removeNode();
    }

    @Test
    void aBrokenFileBecomesAnErrorReport() throws Exception {
        var vm = FxThread.call(() -> new MainViewModel(new RecentFiles(Preferences.userRoot().node("dev/loupe/test/err" + System.nanoTime()))));
        var bad = dir.resolve("bad.onnx");
        Files.writeString(bad, "this is not protobuf");
        var report = new CompletableFuture<MainViewModel.ErrorReport>();
        FxThread.call(() -> {
            vm.errorProperty().addListener((o, a, r) -> report.complete(r));
            vm.open(bad);
            return null;
        });
        var r = report.get(60, TimeUnit.SECONDS);
        assertThat(r.title()).isEqualTo("Cannot open bad.onnx");
        assertThat(r.message()).isNotBlank().doesNotContain("\n");
        assertThat(FxThread.call(vm::getDocument)).isNull();
    }

    @Test
    void recentFilesKeepTheNewestFirstWithoutDuplicates() throws Exception {
        var prefs = Preferences.userRoot().node("dev/loupe/test/recent" + System.nanoTime());
        var recent = new RecentFiles(prefs);
        for (int i = 0; i < RecentFiles.LIMIT + 3; i++) {
            recent.add(Path.of("/m" + i + ".onnx"));
        }
        recent.add(Path.of("/m5.onnx"));
        var list = recent.list();
        assertThat(list).hasSize(RecentFiles.LIMIT).first().isEqualTo(Path.of("/m5.onnx"));
        assertThat(list).doesNotHaveDuplicates();
        prefs.removeNode();
    }
}
