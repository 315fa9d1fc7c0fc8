package cn.huren.server.console;

import cn.huren.plugin.api.EmailSender;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.notification.DevMailSink;
import cn.huren.server.notification.DevSmsSink;
import cn.huren.server.support.ApiException;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the dev sinks kept (demo mode and sandboxes only): each tenant's recent SMS and e-mails, newest first, so a
 * demo can read a code without a phone or a mailbox. 404 where real providers are configured.
 */
@Controller
class DevMessagesController {

    /** One tenant's kept messages. */
    record TenantMessages(String tenant, List<DevSmsSink.Sent> sms, List<DevMailSink.Sent> email) {
    }

    private final DevSmsSink sms;
    private final DevMailSink email;

    DevMessagesController(SmsSender sms, EmailSender email) {
        this.sms = sms instanceof DevSmsSink sink ? sink : null;
        this.email = email instanceof DevMailSink sink ? sink : null;
    }

    boolean active() {
        return sms != null || email != null;
    }

    @GetMapping("/console/dev/messages")
    String messages(@RequestParam(defaultValue = "") String tenant, Model model) {
        if (!active()) {
            throw ApiException.notFound("not-found", "no dev sink is active: messages go to real providers");
        }
        List<String> tenants = List.copyOf(new TreeSet<>(Stream.concat(
                sms == null ? Stream.empty() : sms.tenants().stream(),
                email == null ? Stream.empty() : email.tenants().stream()).toList()));
        model.addAttribute("tenants", tenants);
        model.addAttribute("tenant", tenant);
        model.addAttribute("smsSink", sms != null);
        model.addAttribute("emailSink", email != null);
        model.addAttribute("groups", tenants.stream().filter(t -> tenant.isEmpty() || t.equals(tenant))
                .map(t -> new TenantMessages(t, sms == null ? List.of() : sms.recent(t), email == null ? List.of() : email.recent(t)))
                .toList());
        return "console/dev-messages";
    }

    /** The console's navigation links to the page only while a dev sink is active. */
    @ControllerAdvice(basePackageClasses = DevMessagesController.class)
    static class Navigation {

        private final DevMessagesController page;

        Navigation(DevMessagesController page) {
            this.page = page;
        }

        @ModelAttribute("devSinks")
        boolean devSinks() {
            return page.active();
        }
    }
}
