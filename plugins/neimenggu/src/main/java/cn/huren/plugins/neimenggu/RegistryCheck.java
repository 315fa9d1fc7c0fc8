package cn.huren.plugins.neimenggu;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** NMG-02 step 2 is done once 提交信息 answered 验证通过 (NMG-10); it stays done (see {@link RegistryIntake}). */
@Component
class RegistryCheck implements StepCheck {

    private final JdbcClient jdbc;

    RegistryCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The 验证通过 record of the party, if it passed. */
    Optional<RegistryIntake.Result> validated(long partyId) {
        return jdbc.sql("select validated_at, validated_version from nmg_intake where party_id = ? and validated_at is not null")
                .param(partyId)
                .query((rs, n) -> new RegistryIntake.Result("验证通过", true,
                        CaBindings.instant(rs.getObject("validated_at", OffsetDateTime.class)), rs.getLong("validated_version"), List.of()))
                .optional();
    }

    @Override
    public IntakeStep step() {
        return IntakeStep.REGISTRY;
    }

    @Override
    public boolean done(long partyId) {
        return partyId > 0 && validated(partyId).isPresent();
    }

    @Override
    public String[] hint(long partyId) {
        return new String[] {"修改信息、上传电子件后，点击「下一步」并「提交信息」，出现「验证通过」即入库完成",
                "Complete the information and documents, then 下一步 and 提交信息: 验证通过 completes the intake"};
    }
}
