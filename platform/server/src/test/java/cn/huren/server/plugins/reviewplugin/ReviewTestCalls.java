package cn.huren.server.plugins.reviewplugin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test plugin's handler was told; loaded by the application class loader, so the test reads the same list. */
public final class ReviewTestCalls {

    public static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private ReviewTestCalls() {
    }
}
