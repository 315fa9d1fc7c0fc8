package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    @Test
    @DisplayName("a limit's address key: IPv4 as is, IPv6 by its /64, IPv4-mapped IPv6 as IPv4, nothing resolved by name")
    void keys() {
        assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.key("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(ClientAddress.key("255.255.255.255")).isEqualTo("255.255.255.255");
        assertThat(ClientAddress.key(" 203.0.113.7 ")).as("not Tomcat's form: parsed").isEqualTo("203.0.113.7");
        assertThat(ClientAddress.key("256.1.1.1")).as("no address: kept, never resolved").isEqualTo("256.1.1.1");
        assertThat(ClientAddress.key("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.key("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.key("[2001:db8:1:2::9]")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.key("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(ClientAddress.key("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.key("2001:db8:1:2::1"));
        assertThat(ClientAddress.key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.key("0:0:0:0:0:ffff:cb00:7107")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.key("::1")).isEqualTo("0:0:0:0::/64");
        assertThat(ClientAddress.key("localhost")).isEqualTo("localhost");
        assertThat(ClientAddress.key("not:an:address:zz")).isEqualTo("not:an:address:zz");
        assertThat(ClientAddress.key((String) null)).isNull();
        assertThat(ClientAddress.key(" ")).isNull();

        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("2001:db8:aa:bb:1::1");
        assertThat(ClientAddress.key(request)).isEqualTo("2001:db8:aa:bb::/64");
    }
}
