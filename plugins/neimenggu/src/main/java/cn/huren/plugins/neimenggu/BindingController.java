package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PortalUser;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** NMG-04, NMG-05 for apps: {@code /api/t/{t}/plugins/neimenggu/me/binding} with the certificate login's token. */
@RestController
class BindingController {

    private final SignedIn signedIn;
    private final CaBinding binding;

    BindingController(SignedIn signedIn, CaBinding binding) {
        this.signedIn = signedIn;
        this.binding = binding;
    }

    @GetMapping("/me/binding")
    CaBinding.State state() {
        return binding.state(signedIn.require());
    }

    record CodeRequest(String mobile) {
    }

    @PostMapping("/me/binding/code")
    ResponseEntity<Map<String, Object>> code(@RequestBody CodeRequest request) {
        binding.sendCode(signedIn.require(), request.mobile());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("sent", true));
    }

    record BindRequest(String mobile, String code, String email) {
    }

    /** 201 when bound now; 200 with status BOUND when it was already (NMG-04: no second binding). */
    @PostMapping("/me/binding")
    ResponseEntity<CaBinding.State> bind(@RequestBody BindRequest request) {
        PortalUser user = signedIn.require();
        boolean before = "BOUND".equals(binding.state(user).status());
        CaBinding.State state = binding.bind(user, request.mobile(), request.code(), request.email());
        return ResponseEntity.status(before ? HttpStatus.OK : HttpStatus.CREATED).body(state);
    }
}
