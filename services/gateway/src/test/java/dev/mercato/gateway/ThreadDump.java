package dev.mercato.gateway;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Every thread of this JVM with its whole stack, the locks it holds and waits for, and its CPU time: taken by a test
 * the moment a request goes unanswered, while whatever holds it is still holding it (the gateways run in the test's
 * JVM). {@link ThreadInfo#toString()} would cut each stack at eight frames.
 */
public final class ThreadDump {

    private ThreadDump() {}

    public static String now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        long[] deadlocked = threads.findDeadlockedThreads();
        out.append("Deadlocked threads: ")
                .append(deadlocked == null ? "none" : Arrays.toString(deadlocked))
                .append("\n\n");
        for (ThreadInfo info : threads.dumpAllThreads(true, true)) {
            out.append('"')
                    .append(info.getThreadName())
                    .append("\" #")
                    .append(info.getThreadId())
                    .append(' ')
                    .append(info.getThreadState())
                    .append(" cpu=")
                    .append(threads.getThreadCpuTime(info.getThreadId()) / 1_000_000)
                    .append("ms");
            if (info.getLockName() != null) {
                out.append(" waiting on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            out.append('\n');
            StackTraceElement[] stack = info.getStackTrace();
            for (int depth = 0; depth < stack.length; depth++) {
                out.append("\tat ").append(stack[depth]).append('\n');
                for (MonitorInfo monitor : info.getLockedMonitors()) {
                    if (monitor.getLockedStackDepth() == depth) {
                        out.append("\t- locked ").append(monitor).append('\n');
                    }
                }
            }
            for (LockInfo synchronizer : info.getLockedSynchronizers()) {
                out.append("\t- holds ").append(synchronizer).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
