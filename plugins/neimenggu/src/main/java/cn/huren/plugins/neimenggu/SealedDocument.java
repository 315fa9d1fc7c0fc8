package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import java.util.Arrays;

/** NMG-15: the two documents a party seals under 单位信息 before the integrity sync (NMG-16, X-09). */
enum SealedDocument {
    PLEDGE("pledge", "诚信承诺书", "integrity pledge"),
    NOTICE("notice", "平台使用告知书", "platform usage notice");

    final String code;
    final String zh;
    final String en;

    SealedDocument(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    static SealedDocument of(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst()
                .orElseThrow(() -> new PluginProblem(404, "document-unknown", "没有这份文书：" + code + "（pledge 或 notice） / no such document"));
    }
}
