package cn.huren.plugins.neimenggu;

/**
 * Whether one step of the intake is done for a party: each feature of the plugin answers for its own step (a bean
 * per step), and {@link IntakeProgress} puts them in NMG-02's order.
 */
interface StepCheck {

    IntakeStep step();

    /** Done, and (for a step that can go stale, like the sync) still current. */
    boolean done(long partyId);

    /** What the person sees under the step while it is not done (zh, en), e.g. "两份文书均须签章"; null: nothing more. */
    default String[] hint(long partyId) {
        return null;
    }
}
