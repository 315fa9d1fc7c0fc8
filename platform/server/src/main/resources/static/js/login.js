// Certificate login page: polls the challenge until its answer arrives (QR scan), or asks the USB
// key's local signer to sign it first. Once answered, the hidden form takes the session over.
(function () {
  'use strict';
  var box = document.getElementById('certificate-login');
  if (!box) { return; }
  var d = box.dataset;
  var status = document.getElementById('login-status');
  var finished = false;

  function say(text, kind) { status.textContent = text; status.className = 'login-status ' + (kind || ''); }
  function handOff() { finished = true; say(d.msgDone, 'ok'); document.getElementById('handoff').submit(); }

  function poll() {
    if (finished) { return; }
    fetch(d.stateUrl, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        var state = body && body.state;
        if (state === 'AUTHENTICATED') { handOff(); return; }
        if (state === 'SCANNED') { say(d.msgScanned, 'scanned'); }
        if (state === 'FAILED') { finished = true; say(d.msgFailed, 'error'); return; }
        if (state === 'EXPIRED' || state === 'SIGNED_IN') { finished = true; say(d.msgExpired, 'error'); return; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }

  function json(url, body) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body) });
  }

  // JS-12: the key signs locally after its PIN; JS-15: no signer answering means no key or no driver.
  function signWithKey(event) {
    event.preventDefault();
    say(d.msgSigning, '');
    window.HurenSigner.sign(d.signerUrl, d.message, document.getElementById('pin').value)
      .then(function (signed) {
        if (signed.error) { say(signed.error === 'pin' ? d.msgPin : d.msgNoSigner, 'error'); return; }
        // JS-16: a key whose driver hands out no readable certificate (no serial number to read)
        if (!signed.certificate) { say(d.msgNoSerial, 'error'); return; }
        return json(d.responseUrl, { certificate: signed.certificate, signature: signed.signature, mediumId: signed.mediumId })
          .then(function (r) {
            if (r.ok) { handOff(); return; }
            return r.json().then(function (problem) {
              finished = true;
              // CA mutual recognition: say which CAs this portal recognises, in the page's language;
              // APP-29: a certificate its administrator disabled, likewise; JS-81: one it voided
              var untrusted = problem.type === 'urn:huren:problem:certificate-untrusted';
              var disabled = problem.type === 'urn:huren:problem:certificate-disabled';
              var voided = problem.type === 'urn:huren:problem:certificate-voided';
              var unreadable = problem.type === 'urn:huren:problem:certificate-unreadable'
                || (problem.errors || []).some(function (e) { return e.field === 'certificate'; });
              say(untrusted ? d.msgUntrusted : disabled ? d.msgDisabled : voided ? d.msgVoided : unreadable ? d.msgNoSerial : (problem.detail || d.msgFailed), 'error');
            });
          });
      });
  }

  if (d.mode === 'ukey') {
    document.getElementById('ukey-form').addEventListener('submit', signWithKey);
  } else {
    poll();
  }
})();
