package cn.huren.plugin.api;

/** Host service: how the host runs, for what a plugin may offer beside its real integrations. */
public interface HostEnvironment {

    /**
     * Whether stand-ins of external systems (e.g. a 苏服办 sandbox where one picks a test person)
     * may answer: on in demo mode and tests ({@code huren.sandboxes}), never in production.
     */
    boolean sandboxesAllowed();
}
