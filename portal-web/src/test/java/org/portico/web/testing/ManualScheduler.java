package org.portico.web.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.portico.web.concurrent.BatchingWriter;

/**
 * A scheduler that runs nothing until the test says so: {@link #runReady()} runs the tasks handed to
 * {@code execute}, {@link #advance(Duration)} moves its clock and runs the repeated tasks that fall due, in time
 * order. Single-threaded: everything runs on the test's thread.
 */
public final class ManualScheduler implements BatchingWriter.Scheduler {

    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Repeat> repeats = new ArrayList<>();
    private Duration now = Duration.ZERO;

    private static final class Repeat {
        final Duration interval;
        final Runnable task;
        Duration next;
        boolean cancelled;

        Repeat(Duration interval, Runnable task, Duration next) {
            this.interval = interval;
            this.task = task;
            this.next = next;
        }
    }

    @Override
    public synchronized void execute(Runnable command) {
        ready.add(command);
    }

    @Override
    public synchronized BatchingWriter.Cancellable repeat(Duration interval, Runnable task) {
        Repeat repeat = new Repeat(interval, task, now.plus(interval));
        repeats.add(repeat);
        return () -> repeat.cancelled = true;
    }

    /** Runs the tasks handed to {@code execute} so far, and those they hand over in turn. */
    public void runReady() {
        Runnable task;
        while ((task = nextReady()) != null) {
            task.run();
        }
    }

    private synchronized Runnable nextReady() {
        return ready.poll();
    }

    /** Moves time on, running each repeated task whenever it falls due on the way (fixed delay). */
    public void advance(Duration duration) {
        Duration end = now.plus(duration);
        while (true) {
            Optional<Repeat> due = repeats.stream()
                    .filter(r -> !r.cancelled && r.next.compareTo(end) <= 0)
                    .min(Comparator.comparing(r -> r.next));
            if (due.isEmpty()) {
                break;
            }
            Repeat repeat = due.get();
            now = repeat.next;
            repeat.task.run();
            repeat.next = now.plus(repeat.interval);
        }
        now = end;
    }

    public synchronized int readyTasks() {
        return ready.size();
    }

    public long activeRepeats() {
        return repeats.stream().filter(r -> !r.cancelled).count();
    }
}
