package dev.loupe.app.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.Fixtures;
import dev.loupe.app.FxThread;
import dev.loupe.executor.debug.DebugOptions;
import dev.loupe.executor.debug.DebugState;
import dev.loupe.executor.debug.Debugger;
import dev.loupe.executor.debug.Stop;
import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.executor.session.ExecutionListener;
import dev.loupe.executor.session.NodeEvent;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.SessionOptions;
import dev.loupe.model.Model;
import dev.loupe.model.io.ModelReader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// The watch task against a real debugger on `torch_mlp`, its thread's timing fixed by latches: the run is
/// held before its third node (`/Mul`), and the test knows when the watch has seen the run going.
class DebugTasksTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch polled = new CountDownLatch(1);
    private Model model;
    private Debugger debugger;

    @BeforeAll
    static void startFx() throws Exception {
        FxThread.start();
    }

    @BeforeEach
    void startPausedAtEntry() throws Exception {
        model = ModelReader.read(Fixtures.model("torch_mlp"));
        var session = Session.create(model, BuiltinKernels.registry(), SessionOptions.defaults());
        var inputs = TestDataFiles.fromFolder(model.graph().inputs(), model.graph().outputs(), Fixtures.dir("torch_mlp")).inputs();
        debugger = Debugger.start(session, inputs, DebugOptions.defaults().withStopAtEntry(true));
        debugger.addListener(new ExecutionListener() {
            @Override
            public void beforeNode(NodeEvent.Before event) {
                if (event.frame().isRoot() && event.index() == 2) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        assertThat(debugger.awaitStop(WAIT)).isInstanceOf(DebugState.Paused.class);
    }

    @AfterEach
    void close() {
        release.countDown();
        debugger.close();
        model.close();
    }

    /// A watch for the current leg; `done` tells the test that it has seen the run going.
    private DebugTasks.Watch watch() {
        return DebugTasks.watch(debugger, () -> {
            polled.countDown();
            return 0;
        }, model.graph().nodes().size());
    }

    /// Runs `watch` until it follows the held run, then cancels it as the task runner does.
    private void cancelWhileFollowing(DebugTasks.Watch watch) throws Exception {
        var thread = Thread.ofPlatform().name("watch").start(watch);
        assertThat(polled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        watch.cancel(true);
        thread.join(WAIT.toMillis());
        assertThat(thread.isAlive()).isFalse();
        release.countDown();
    }

    @Test
    void cancellingTheWatchOfTheRunningLegPausesTheRun() throws Exception {
        var watch = watch();
        debugger.resume();
        cancelWhileFollowing(watch);
        var state = debugger.awaitStop(WAIT);
        assertThat(state).isInstanceOf(DebugState.Paused.class);
        var stop = ((DebugState.Paused) state).stop();
        assertThat(stop.cause()).isEqualTo(Stop.Cause.PAUSE_REQUEST);
        assertThat(stop.node().name()).isEqualTo("/Mul");
    }

    /// The watch of a step starts late, after the step has stopped and the run has been resumed; when the
    /// resume's watch replaces it, it must not pause the resumed run.
    @Test
    void aWatchWhoseLegEndedDoesNotPauseTheNextLeg() throws Exception {
        var late = watch();
        debugger.step();
        assertThat(debugger.awaitStop(WAIT)).isInstanceOf(DebugState.Paused.class);
        late.endLeg();
        debugger.resume();
        cancelWhileFollowing(late);
        assertThat(debugger.awaitStop(WAIT)).isInstanceOf(DebugState.Finished.class);
    }
}
