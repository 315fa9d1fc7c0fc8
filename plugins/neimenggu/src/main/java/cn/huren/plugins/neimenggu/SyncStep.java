package cn.huren.plugins.neimenggu;

import java.util.List;
import org.springframework.stereotype.Component;

/** NMG-16, NMG-17: the sync is done while Hohhot's copy is current (the last synced digest is the registry's now). */
@Component
class SyncStep implements StepCheck {

    private final SyncState sync;
    private final PledgeAndNotice documents;

    SyncStep(SyncState sync, PledgeAndNotice documents) {
        this.sync = sync;
        this.documents = documents;
    }

    @Override
    public IntakeStep step() {
        return IntakeStep.SYNC;
    }

    @Override
    public boolean done(long partyId) {
        return sync.status(partyId).current();
    }

    @Override
    public String[] hint(long partyId) {
        List<SealedDocument> unsealed = documents.unsealed(partyId);
        if (!unsealed.isEmpty()) {
            return new String[] {"在「单位信息」中签章：" + String.join("、", unsealed.stream().map(d -> d.zh).toList()) + "，再同步。",
                    "Seal under unit information: " + String.join(", ", unsealed.stream().map(d -> d.en).toList()) + ", then sync."};
        }
        return "OUT_OF_DATE".equals(sync.status(partyId).state())
                ? new String[] {"主体库信息已变更，需要重新同步。", "The registry changed: sync again."}
                : new String[] {"点击「同步内蒙古主体库诚信信息」。", "Press 同步内蒙古主体库诚信信息 (sync)."};
    }
}
