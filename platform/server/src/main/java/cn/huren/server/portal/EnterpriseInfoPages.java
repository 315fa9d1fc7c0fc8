package cn.huren.server.portal;

import cn.huren.server.enterpriseinfo.EnterpriseInformation;
import cn.huren.server.enterpriseinfo.EnterpriseInformation.BasicInfo;
import cn.huren.server.enterpriseinfo.EnterpriseInformation.Contact;
import cn.huren.server.enterpriseinfo.EnterpriseInformation.InvoiceInfo;
import cn.huren.server.enterpriseinfo.EnterpriseInformation.InvoiceType;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 企业信息 (ORD-06 基本信息, ORD-07 发票信息, ORD-08 单位联系人): one page, three cards; the ADMIN edits each (with its
 * version: someone else's save meanwhile comes back as a refusal and the saved values), staff read.
 */
@Controller
class EnterpriseInfoPages {

    private static final String ONE = "/account/enterprises/{id}/info";
    private static final String TENANT_ONE = "/t/{tenant}/account/enterprises/{id}/info";

    private final EnterpriseInformation info;
    private final Memberships memberships;
    private final PageActions actions;

    EnterpriseInfoPages(EnterpriseInformation info, Memberships memberships, PageActions actions) {
        this.info = info;
        this.memberships = memberships;
        this.actions = actions;
    }

    @GetMapping({ONE, TENANT_ONE})
    String show(PartyAccess me, @PathVariable long id, Model model) {
        Membership m = memberships.requireMember(me, id);
        model.addAttribute("membership", m);
        model.addAttribute("basic", info.basic(me, id));
        model.addAttribute("invoice", info.invoice(me, id));
        model.addAttribute("contact", info.contact(me, id));
        model.addAttribute("invoiceTypes", InvoiceType.values());
        return "portal/account/enterprise-info";
    }

    @PostMapping({ONE + "/basic", TENANT_ONE + "/basic"})
    String basic(PartyAccess me, @PathVariable long id, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                 RedirectAttributes flash) {
        return save(request, flash, form, id, "basic", () -> info.saveBasic(me, id, ExpectedVersion.form(form.getFirst("version")),
                new BasicInfo(form.getFirst("basic.address"), form.getFirst("basic.legalRepresentative"), fen(form.getFirst("basic.registeredCapital")),
                        form.getFirst("basic.businessScope"), form.getFirst("basic.phone"), form.getFirst("basic.email"))));
    }

    @PostMapping({ONE + "/invoice", TENANT_ONE + "/invoice"})
    String invoice(PartyAccess me, @PathVariable long id, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                   RedirectAttributes flash) {
        return save(request, flash, form, id, "invoice", () -> info.saveInvoice(me, id, ExpectedVersion.form(form.getFirst("version")),
                new InvoiceInfo(null, type(form.getFirst("invoice.type")), form.getFirst("invoice.taxpayerId"), form.getFirst("invoice.bankName"),
                        form.getFirst("invoice.bankAccount"), form.getFirst("invoice.registeredAddress"), form.getFirst("invoice.registeredPhone"),
                        form.getFirst("invoice.email"))));
    }

    @PostMapping({ONE + "/contact", TENANT_ONE + "/contact"})
    String contact(PartyAccess me, @PathVariable long id, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                   RedirectAttributes flash) {
        return save(request, flash, form, id, "contact", () -> info.saveContact(me, id, ExpectedVersion.form(form.getFirst("version")),
                new Contact(form.getFirst("contact.name"), form.getFirst("contact.mobile"), form.getFirst("contact.email"))));
    }

    private String save(HttpServletRequest request, RedirectAttributes flash, MultiValueMap<String, String> form, long id, String scope,
                        Supplier<?> action) {
        String page = "/account/enterprises/" + id + "/info";
        return actions.run(request, flash, form, "notice.saved", () -> {
            try {
                action.get();
            } catch (ApiException e) {
                throw e.errors().isEmpty() ? e : PageActions.scoped(e, scope);
            }
            return page + "#" + scope;
        }, page + "#" + scope);
    }

    /** The form says yuan (元, up to two decimals); the service keeps fen. */
    static Long fen(String yuan) {
        if (yuan == null || yuan.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(yuan.strip().replace(",", "")).movePointRight(2).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("registeredCapitalFen", "the registered capital in yuan, e.g. 1000000.00")));
        }
    }

    private static InvoiceType type(String text) {
        try {
            return text == null || text.isBlank() ? null : InvoiceType.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
