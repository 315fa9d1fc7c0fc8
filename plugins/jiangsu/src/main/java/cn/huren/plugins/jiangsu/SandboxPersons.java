package cn.huren.plugins.jiangsu;

import java.util.List;
import java.util.Optional;

/** The test persons the 苏服办 sandbox offers (valid, made-up resident IDs of Jiangsu cities). */
final class SandboxPersons {

    record Person(String name, String idNumber, String phone, String city) {
    }

    static final List<Person> ALL = List.of(
            new Person("张三", "320102198503120039", "13800000001", "南京"),
            new Person("李四", "320505199207081624", "13800000002", "苏州"),
            new Person("王五", "320203197801014514", "13800000003", "无锡"));

    private SandboxPersons() {
    }

    static Optional<Person> byId(String idNumber) {
        return ALL.stream().filter(p -> p.idNumber().equals(idNumber)).findFirst();
    }
}
