package dev.loupe.app.edit;

import static dev.loupe.app.FxThread.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.OpenDocument;
import dev.loupe.app.TestModels;
import dev.loupe.model.Node;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Unsaved edits survive a crash: they are journaled beside the settings after every edit, removed when
/// saved or undone, and recovered into a document that belongs to the original file.
class RecoveryJournalTest {

    @TempDir
    Path dir;

    @Test
    void everyDirtyStateIsJournaledAndACleanOneForgotten() throws Exception {
        var journal = new RecoveryJournal(dir.resolve("settings/recovery"));
        try (var doc = OpenDocument.open(TestModels.withDeadNode(), dir.resolve("model.onnx"), journal)) {
            var vm = doc.vm();
            assertThat(journal.pending()).isEmpty();
            doc.select("dead");
            assertThat(call(vm.edits()::deleteSelected)).isTrue();
            doc.waitUntilIdle();
            var entries = journal.pending();
            assertThat(entries).hasSize(1);
            var entry = entries.getFirst();
            assertThat(entry.original()).isEqualTo(doc.file().toAbsolutePath().normalize());
            assertThat(entry.edits()).isEqualTo(1);
            assertThat(entry.lastEdit()).isEqualTo("Delete dead");
            assertThat(entry.snapshot().getParent()).as("beside the settings, not the model").isEqualTo(journal.directory());
            try (var kept = ModelReader.read(entry.snapshot())) {
                assertThat(kept.graph().nodes()).extracting(Node::name).containsExactly("relu", "swish");
            }

            call(() -> {
                vm.undo();
                return null;
            });
            doc.waitUntilIdle();
            assertThat(journal.pending()).as("undone to the file's state").isEmpty();
            call(() -> {
                vm.redo();
                return null;
            });
            doc.waitUntilIdle();
            assertThat(journal.pending()).hasSize(1);
            assertThat(call(vm::save)).isTrue();
            assertThat(journal.pending()).as("saved").isEmpty();
            assertThat(Files.list(journal.directory()).toList()).isEmpty();
        }
    }

    @Test
    void editsLeftByACrashAreRecoveredIntoTheOriginalFileWhenSaved() throws Exception {
        var journal = new RecoveryJournal(dir.resolve("recovery"));
        var file = dir.resolve("model.onnx");
        var crashed = OpenDocument.open(TestModels.withDeadNode(), file, journal);
        crashed.select("relu");
        assertThat(call(() -> crashed.vm().edits().renameSelected("first"))).isTrue();
        crashed.waitUntilIdle();
        // the session ends without saving or discarding: no close(), as after a crash

        var vm = OpenDocument.newViewModel(journal);
        var pending = call(vm::pendingRecovery);
        assertThat(pending).hasSize(1);
        try (var recovered = OpenDocument.open(vm, file, () -> vm.openRecovered(pending.getFirst()))) {
            assertThat(call(() -> vm.getDocument().path())).isEqualTo(file.toAbsolutePath().normalize());
            assertThat(call(() -> vm.history().isDirty())).isTrue();
            assertThat(call(() -> vm.titleProperty().get())).isEqualTo("*model.onnx — Loupe");
            assertThat(call(() -> vm.getDocument().model().graph().nodes().stream().map(Node::name).toList()))
                    .containsExactly("first", "swish", "dead");
            try (var untouched = ModelReader.read(file)) {
                assertThat(untouched.graph().nodes()).extracting(Node::name).first().isEqualTo("relu");
            }
            assertThat(call(vm::save)).isTrue();
            try (var saved = ModelReader.read(file)) {
                assertThat(saved.graph().nodes()).extracting(Node::name).containsExactly("first", "swish", "dead");
            }
            assertThat(journal.pending()).isEmpty();
        }
        crashed.close();
    }

    @Test
    void unreadableEntriesAreSkippedAndDiscardRemovesOne() throws Exception {
        var journal = new RecoveryJournal(dir.resolve("recovery"));
        Files.createDirectories(journal.directory());
        Files.writeString(journal.directory().resolve("junk.properties"), "original=/nowhere\nsavedAt=yesterday\n");
        Files.writeString(journal.directory().resolve("junk.onnx"), "not a model");
        Files.writeString(journal.directory().resolve("orphan.properties"), "original=/x.onnx\nsavedAt=2026-01-01T00:00:00Z\n");
        var model = TestModels.withDeadNode();
        journal.write(model, dir.resolve("a.onnx"), List.of("Edit 1"));
        Thread.sleep(5);
        journal.write(model, dir.resolve("b.onnx"), List.of("Edit 1", "Edit 2"));
        assertThat(journal.pending()).extracting(e -> e.original().getFileName().toString()).containsExactly("b.onnx", "a.onnx");
        journal.discard(dir.resolve("b.onnx"));
        assertThat(journal.pending()).extracting(e -> e.original().getFileName().toString()).containsExactly("a.onnx");
    }
}
