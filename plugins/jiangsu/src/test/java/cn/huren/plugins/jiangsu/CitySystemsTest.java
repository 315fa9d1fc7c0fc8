package cn.huren.plugins.jiangsu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugins.jiangsu.CitySystems.CitySystem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tenant's list of city trading systems (JS-45, JS-46), read without a server. */
class CitySystemsTest {

    @Test
    @DisplayName("one city|client a line or separated by ';', blanks and # comments skipped; a client id finds its city")
    void parsesAndMatches() {
        CitySystems cities = CitySystems.parse("""
                # city | API client of its trading system
                南京|js_nanjing

                苏州 | js_suzhou ; 无锡|js_wuxi
                """);

        assertThat(cities.systems()).containsExactly(new CitySystem("南京", "js_nanjing"), new CitySystem("苏州", "js_suzhou"),
                new CitySystem("无锡", "js_wuxi"));
        assertThat(cities.problems()).isEmpty();
        assertThat(cities.notes()).isEmpty();
        assertThat(cities.clientIds()).containsExactly("js_nanjing", "js_suzhou", "js_wuxi");
        assertThat(cities.byClient("js_suzhou")).map(CitySystem::city).contains("苏州");
        assertThat(cities.byClient("js_SUZHOU")).as("client ids match exactly").isEmpty();
        assertThat(cities.byClient("js_changzhou")).isEmpty();
    }

    @Test
    @DisplayName("a malformed entry is a problem naming its number and is left out; an old push URL is accepted with a note")
    void problemsAndNotes() {
        CitySystems cities = CitySystems.parse("南京|js_nanjing|https://nj.example/push\n|js_x\n常州|\n扬州|bad id!\n镇江|a|b|c\n泰州|js_taizhou");

        assertThat(cities.systems()).containsExactly(new CitySystem("南京", "js_nanjing"), new CitySystem("泰州", "js_taizhou"));
        assertThat(cities.notes()).singleElement().asString().startsWith("entry 1:").contains("js_nanjing");
        assertThat(cities.problems()).hasSize(4).allSatisfy(p -> assertThat(p).contains("expected city|API client id"));
        assertThat(cities.problems()).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly("entry 2", "entry 3", "entry 4", "entry 5");
        assertThat(CitySystems.parse("").systems()).isEmpty();
    }
}
