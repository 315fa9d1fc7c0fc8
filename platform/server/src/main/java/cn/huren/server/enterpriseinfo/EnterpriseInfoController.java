package cn.huren.server.enterpriseinfo;

import cn.huren.server.enterpriseinfo.EnterpriseInformation.BasicInfo;
import cn.huren.server.enterpriseinfo.EnterpriseInformation.Contact;
import cn.huren.server.enterpriseinfo.EnterpriseInformation.InvoiceInfo;
import cn.huren.server.enterpriseinfo.EnterpriseInformation.Versioned;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** ORD-06–08 over the API: members read, the ADMIN writes with If-Match (the ETag of the GET; 412 when stale). */
@RestController
@Tag(name = "Enterprises")
class EnterpriseInfoController {

    private final EnterpriseInformation info;

    EnterpriseInfoController(EnterpriseInformation info) {
        this.info = info;
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/info")
    @Operation(summary = "ORD-06: the enterprise's basic information (members; ETag = version)")
    ResponseEntity<Versioned<BasicInfo>> basic(PartyAccess me, @PathVariable long enterpriseId) {
        return tagged(info.basic(me, enterpriseId));
    }

    @PutMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/info")
    @Operation(summary = "ORD-06: the administrator saves the basic information (If-Match; 412 version-mismatch when stale)")
    ResponseEntity<Versioned<BasicInfo>> saveBasic(PartyAccess me, @PathVariable long enterpriseId,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch, @RequestBody BasicInfo body) {
        return tagged(info.saveBasic(me, enterpriseId, ExpectedVersion.ifMatch(ifMatch), body));
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/invoice-info")
    @Operation(summary = "ORD-07: the invoice information ordering uses (members; staff see the bank account masked)")
    ResponseEntity<Versioned<InvoiceInfo>> invoice(PartyAccess me, @PathVariable long enterpriseId) {
        return tagged(info.invoice(me, enterpriseId));
    }

    @PutMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/invoice-info")
    @Operation(summary = "ORD-07: the administrator saves the invoice information (title: the enterprise's name; If-Match)")
    ResponseEntity<Versioned<InvoiceInfo>> saveInvoice(PartyAccess me, @PathVariable long enterpriseId,
                                                       @RequestHeader(value = "If-Match", required = false) String ifMatch, @RequestBody InvoiceInfo body) {
        return tagged(info.saveInvoice(me, enterpriseId, ExpectedVersion.ifMatch(ifMatch), body));
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/contact")
    @Operation(summary = "ORD-08: the unit contact person (members)")
    ResponseEntity<Versioned<Contact>> contact(PartyAccess me, @PathVariable long enterpriseId) {
        return tagged(info.contact(me, enterpriseId));
    }

    @PutMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/contact")
    @Operation(summary = "ORD-08: the administrator changes the unit contact person (If-Match)")
    ResponseEntity<Versioned<Contact>> saveContact(PartyAccess me, @PathVariable long enterpriseId,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch, @RequestBody Contact body) {
        return tagged(info.saveContact(me, enterpriseId, ExpectedVersion.ifMatch(ifMatch), body));
    }

    private static <T> ResponseEntity<Versioned<T>> tagged(Versioned<T> v) {
        return ResponseEntity.ok().eTag(ExpectedVersion.etag(v.version())).body(v);
    }
}
