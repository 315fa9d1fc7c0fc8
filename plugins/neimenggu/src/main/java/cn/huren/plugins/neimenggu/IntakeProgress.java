package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * NMG-02: where a party stands — binding → registry intake (验证通过) → Hohhot activation → integrity sync. Every
 * step's action calls {@link #require} first, so no step starts before the one it needs; the progress page shows
 * {@link #of}.
 */
@Component
class IntakeProgress {

    enum State { DONE, CURRENT, LOCKED }

    record StepView(IntakeStep step, State state, String hintZh, String hintEn) {
    }

    private final Map<IntakeStep, StepCheck> checks = new EnumMap<>(IntakeStep.class);

    IntakeProgress(List<StepCheck> checks) {
        checks.stream().sorted(Comparator.comparing(StepCheck::step)).forEach(c -> this.checks.put(c.step(), c));
    }

    /** The four steps for the party: done ones, the first not done (current), and the locked ones after it. */
    List<StepView> of(long partyId) {
        List<StepView> views = new ArrayList<>();
        boolean blocked = false;
        for (IntakeStep step : IntakeStep.values()) {
            StepCheck check = checks.get(step);
            boolean done = !blocked && check != null && check.done(partyId);
            State state = done ? State.DONE : blocked ? State.LOCKED : State.CURRENT;
            String[] hint = state == State.CURRENT && check != null ? check.hint(partyId) : null;
            views.add(new StepView(step, state, hint == null ? null : hint[0], hint == null ? null : hint[1]));
            blocked = blocked || !done;
        }
        return views;
    }

    /** The step the party is at: the first not done, or null when all are done. */
    IntakeStep current(long partyId) {
        return of(partyId).stream().filter(v -> v.state() == State.CURRENT).map(StepView::step).findFirst().orElse(null);
    }

    /**
     * Refuses (409 {@code intake-order}) when a step before {@code step} is not done, naming the step that comes
     * first; does nothing otherwise (the step itself may be done already: redoing it is the step's business).
     */
    void require(long partyId, IntakeStep step) {
        for (IntakeStep before : IntakeStep.values()) {
            if (before.compareTo(step) >= 0) {
                return;
            }
            StepCheck check = checks.get(before);
            if (check == null || !check.done(partyId)) {
                throw new PluginProblem(409, "intake-order", "先完成「" + before.zh + "」，再进行「" + step.zh + "」 / complete "
                        + before.en + " before " + step.en + " (NMG-02)");
            }
        }
    }
}
