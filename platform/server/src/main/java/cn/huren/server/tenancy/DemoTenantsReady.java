package cn.huren.server.tenancy;

import java.util.List;

/** Published at every start in demo mode once the demo tenants exist, for features that furnish them (the demo CA). */
public record DemoTenantsReady(List<String> codes) {

    public DemoTenantsReady {
        codes = List.copyOf(codes);
    }
}
