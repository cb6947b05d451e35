package dev.loupe.executor.compare;

import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.session.ExecutionListener;
import dev.loupe.executor.session.NodeEvent;

/// Passes a run's progress to a [ComparisonMonitor] and stops the run when the monitor cancels.
final class MonitorListener implements ExecutionListener {

    private final ComparisonMonitor monitor;
    private final ComparisonMonitor.Phase phase;
    private final int total;
    private int done;

    /// @param total the number of nodes to report as the total
    MonitorListener(ComparisonMonitor monitor, ComparisonMonitor.Phase phase, int total) {
        this.monitor = monitor;
        this.phase = phase;
        this.total = total;
    }

    @Override
    public void beforeNode(NodeEvent.Before event) {
        if (monitor.isCancelled()) {
            throw new CancelledException();
        }
        monitor.progress(phase, done++, total);
    }
}
