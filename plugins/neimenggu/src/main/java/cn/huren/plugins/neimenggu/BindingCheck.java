package cn.huren.plugins.neimenggu;

import org.springframework.stereotype.Component;

/** NMG-02 step 1 is done while the party has an ACTIVE 自然人绑定 whose certificate the core still binds. */
@Component
class BindingCheck implements StepCheck {

    private final CaBindings bindings;

    BindingCheck(CaBindings bindings) {
        this.bindings = bindings;
    }

    @Override
    public IntakeStep step() {
        return IntakeStep.BINDING;
    }

    @Override
    public boolean done(long partyId) {
        return partyId > 0 && bindings.current(partyId).isPresent();
    }

    @Override
    public String[] hint(long partyId) {
        return new String[] {"使用数字证书登录后，在「自然人绑定」确认手机号和电子邮箱并确认申请",
                "Signed in with your certificate, confirm your mobile and e-mail under 自然人绑定 and confirm the application"};
    }
}
