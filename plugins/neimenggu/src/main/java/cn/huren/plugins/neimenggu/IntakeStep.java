package cn.huren.plugins.neimenggu;

/** NMG-02: the intake's four steps, in the order each needs the one before. */
enum IntakeStep {
    /** CA 证书绑定 in the CA mutual-recognition system (NMG-04, NMG-05). */
    BINDING("CA证书绑定", "CA binding"),
    /** 自治区主体信息库: registry intake ending in 验证通过 (NMG-09, NMG-10). */
    REGISTRY("主体库入库", "Registry intake"),
    /** 呼和浩特市公共资源交易平台激活: the first authorised login there (NMG-11, NMG-12). */
    HOHHOT("呼和浩特平台激活", "Hohhot activation"),
    /** 同步诚信库: both documents sealed, then the sync (NMG-15, NMG-16), current with the registry (NMG-17). */
    SYNC("诚信库同步", "Integrity sync");

    final String zh;
    final String en;

    IntakeStep(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }
}
