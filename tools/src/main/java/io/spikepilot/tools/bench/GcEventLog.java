package io.spikepilot.tools.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Every garbage collection of this JVM as it ends, from the collectors' MXBean notifications (no JFR, no agent): when it
 * started and how long it took, which collector, why. Listening costs nothing on the control thread; the JVM delivers
 * the notifications on its own service thread.
 */
public final class GcEventLog implements AutoCloseable {
    /** One collection; times in ms since the JVM started, as the JVM reports them. */
    public record Event(long startMs, long durationMs, String collector, String action, String cause) {
        /** Whether the application threads were stopped (every G1, Parallel and Serial young or full collection). */
        public boolean stoppedTheWorld() {
            return action.startsWith("end of");
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    /** Starts listening to every collector of this JVM. */
    public GcEventLog() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) n.getUserData());
        Event e = new Event(info.getGcInfo().getStartTime(), info.getGcInfo().getDuration(), info.getGcName(),
                info.getGcAction(), info.getGcCause());
        synchronized (events) {
            events.add(e);
        }
    }

    /** The collections so far, in the order they ended. */
    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Milliseconds since this JVM started, the time base of {@link Event#startMs}. */
    public static long jvmUptimeMs() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone: nothing to undo
            }
        }
    }
}
