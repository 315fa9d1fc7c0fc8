// Certificate check (APP-34): with a PIN, the USB key's local signer signs the page's fresh check
// challenge first, so that the check also proves the key is at hand; without one, only the
// server-side checks run. The PIN goes to the local signer only: its field has no name.
(function () {
  'use strict';
  var form = document.getElementById('check');
  if (!form) { return; }
  var d = form.dataset;
  var status = document.getElementById('check-status');
  var pin = document.getElementById('check-pin');
  var signature = document.getElementById('check-signature');

  function say(text, kind) { status.textContent = text; status.className = 'login-status ' + (kind || ''); }

  form.addEventListener('submit', function (event) {
    if (!pin || !pin.value || signature.value) { return; }
    event.preventDefault();
    say(d.msgSigning, '');
    window.HurenSigner.sign(d.signerUrl, d.message, pin.value).then(function (signed) {
      if (signed.error) { say(signed.error === 'pin' ? d.msgPin : d.msgNoSigner, 'error'); return; }
      signature.value = signed.signature;
      form.submit();
    });
  });
})();
