package cn.huren.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleBoundariesTest {

    @Test
    @DisplayName("feature packages depend on each other only through their public API, without cycles")
    void verify() {
        ApplicationModules.of(HurenApplication.class).verify();
    }
}
