package cn.huren.server.registry;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 编辑中 → 提交成功 → 作废. Only SUBMITTED records are usable in bidding. Which action each
 * status allows is said here once: the lifecycle enforces it and the pages show only those buttons.
 */
public enum RecordStatus {
    DRAFT, SUBMITTED, VOIDED;

    public enum Action { EDIT, SUBMIT, DELETE, VOID }

    public boolean allows(Action action) {
        return switch (action) {
            case EDIT, SUBMIT, DELETE -> this == DRAFT;
            case VOID -> this == SUBMITTED;
        };
    }

    /** For pages: which buttons to show. */
    public boolean isEditable() {
        return allows(Action.EDIT);
    }

    public boolean isDeletable() {
        return allows(Action.DELETE);
    }

    public boolean isVoidable() {
        return allows(Action.VOID);
    }

    public Set<Action> actions() {
        return Arrays.stream(Action.values()).filter(this::allows).collect(Collectors.toCollection(() -> EnumSet.noneOf(Action.class)));
    }

    static RecordStatus allowing(Action action) {
        return Arrays.stream(values()).filter(s -> s.allows(action)).findFirst().orElseThrow();
    }
}
