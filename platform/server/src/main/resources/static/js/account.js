// A person's account pages: the "get code" buttons (APP-03, APP-100, ORD-05) ask the page's own endpoint to send an
// SMS code and count down until another may be asked for; a click on the captcha image draws a new one (ORD-04).
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="_csrf"]');
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]');

  function countdown(button, seconds) {
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.disabled = true;
    var left = seconds;
    function tick() {
      if (left <= 0) { button.disabled = false; button.textContent = label; return; }
      button.textContent = button.dataset.msgWait.replace('{0}', left);
      left -= 1;
      setTimeout(tick, 1000);
    }
    tick();
  }

  function show(id, text) {
    var el = id && document.getElementById(id);
    if (el) { el.textContent = text || ''; el.hidden = !text; }
  }

  document.querySelectorAll('button[data-code-url]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      event.preventDefault();
      var d = button.dataset;
      var body = new URLSearchParams();
      if (d.mobileInput) {
        body.set('mobile', (document.getElementById(d.mobileInput) || { value: '' }).value.trim());
      }
      show(d.status, '');
      show(d.mobileError, '');
      if (d.mobileInput) { show('error-' + d.mobileInput, ''); }
      var headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
      if (csrf && csrfHeader) { headers[csrfHeader.content] = csrf.content; }
      button.disabled = true;
      fetch(d.codeUrl, { method: 'POST', headers: headers, body: body, credentials: 'same-origin' })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
        .then(function (reply) {
          var b = reply.body || {};
          if (reply.ok) {
            show(d.status, b.message);
            countdown(button, b.retryAfter || 60);
            return;
          }
          button.disabled = false;
          var near = b.field === 'mobile' ? d.mobileError : b.field && 'error-' + b.field;
          if (near && document.getElementById(near)) { show(near, b.message); } else { show(d.status, b.message); }
          if (b.retryAfter) { countdown(button, b.retryAfter); }
        })
        .catch(function () { button.disabled = false; show(d.status, d.msgFailed); });
    });
  });

  var captcha = document.getElementById('captcha-image');
  if (captcha) {
    captcha.addEventListener('click', function () {
      fetch(captcha.dataset.url, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (c) {
          if (c) { captcha.src = c.image; document.getElementById('captcha-id').value = c.id; }
        });
    });
  }
})();
