package cn.huren.plugins.neimenggu;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** NMG-12: Hohhot is done once the first authorised login activated the party there. */
@Component
class HohhotStep implements StepCheck {

    private final JdbcClient jdbc;

    HohhotStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public IntakeStep step() {
        return IntakeStep.HOHHOT;
    }

    @Override
    public boolean done(long partyId) {
        return jdbc.sql("select count(*) from nmg_intake where party_id = ? and hohhot_activated_at is not null")
                .param(partyId).query(Long.class).single() > 0;
    }

    @Override
    public String[] hint(long partyId) {
        return new String[] {"主体登录后点击「进入授权」，选择呼和浩特市公共资源交易平台，确认授权并确认登录，即完成激活。",
                "After 主体登录, press 进入授权, choose Hohhot's trading platform, consent and confirm the login: that activates you there."};
    }
}
