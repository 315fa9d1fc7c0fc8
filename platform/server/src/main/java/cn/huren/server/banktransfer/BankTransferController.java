package cn.huren.server.banktransfer;

import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 对公打款认证 (APP-25–27): a verified person's bank-transfer verifications (/api/t/{tenant}/me/bank-transfer-verifications…). */
@RestController
@Tag(name = "Enterprises")
class BankTransferController {

    record Create(String enterpriseName, String uscc, UUID letterId, String payerAccountLast6) {
    }

    record Confirm(Boolean termsAccepted) {
    }

    record Mine(List<BankTransferVerifications.Verification> verifications, int attemptsLeft) {
    }

    private final BankTransferVerifications verifications;

    BankTransferController(BankTransferVerifications verifications) {
        this.verifications = verifications;
    }

    @PostMapping("/api/t/{tenant}/me/bank-transfer-verifications")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-25: start a bank-transfer verification (enterprise, sealed letter, the corporate account's last six digits); "
            + "answers the exact amount and the collection account to transfer to")
    BankTransferVerifications.Verification create(PartyAccess me, @RequestBody Create body) {
        return verifications.create(me, new BankTransferVerifications.Input(body.enterpriseName(), body.uscc(), body.letterId(),
                body.payerAccountLast6()));
    }

    @GetMapping("/api/t/{tenant}/me/bank-transfer-verifications")
    @Operation(summary = "My bank-transfer verifications, newest first, and the confirmations left today")
    Mine mine(PartyAccess me) {
        return new Mine(verifications.mine(me), verifications.attemptsLeft(me));
    }

    @GetMapping("/api/t/{tenant}/me/bank-transfer-verifications/{id}")
    @Operation(summary = "One of my bank-transfer verifications")
    BankTransferVerifications.Verification one(PartyAccess me, @PathVariable long id) {
        return verifications.one(me, id);
    }

    @PostMapping("/api/t/{tenant}/me/bank-transfer-verifications/{id}/confirmation")
    @Operation(summary = "APP-25, APP-26: accept the terms and confirm: the bank is asked for exactly that transfer; a match makes me "
            + "the enterprise's ADMIN (none yet; may manage staff only after buying a certificate, APP-27) or STAFF")
    BankTransferVerifications.Verification confirm(PartyAccess me, @PathVariable long id, @RequestBody Confirm body) {
        return verifications.confirm(me, id, body == null ? null : body.termsAccepted());
    }

    @PostMapping("/api/t/{tenant}/me/bank-transfer-verifications/{id}/cancellation")
    @Operation(summary = "Give up an open bank-transfer verification")
    BankTransferVerifications.Verification cancel(PartyAccess me, @PathVariable long id) {
        return verifications.cancel(me, id);
    }
}
