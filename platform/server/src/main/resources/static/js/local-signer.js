// The USB key's local signer (JS-12): it signs a message after the key's PIN, on this computer.
// HurenSigner.sign(url, message, pin) resolves to {certificate, signature, mediumId}, or to
// {error: 'pin'} (the key refused the PIN) or {error: 'no-signer'} (no key or no driver, JS-15).
(function () {
  'use strict';
  window.HurenSigner = {
    sign: function (url, message, pin) {
      return fetch(url + '/sign', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ message: message, pin: pin }) })
        .then(function (r) {
          if (r.status === 401) { return { error: 'pin' }; }
          return r.ok ? r.json() : { error: 'no-signer' };
        }, function () { return { error: 'no-signer' }; });
    }
  };
})();
