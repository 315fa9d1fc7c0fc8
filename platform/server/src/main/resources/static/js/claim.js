// 认领企业 (APP-14–16): the claim's three steps on one form, shown one at a time; "next" checks the step's own fields
// first. The letter template link follows the enterprise typed in step 1. Without scripts all three show at once.
(function () {
  'use strict';
  var form = document.getElementById('claim-form');
  if (!form) { return; }
  var steps = Array.prototype.slice.call(form.querySelectorAll('.claim-step'));
  var markers = Array.prototype.slice.call(document.querySelectorAll('#claim-steps li'));
  var template = document.getElementById('letter-template');

  function show(n) {
    steps.forEach(function (s) { s.hidden = s.dataset.step !== String(n); });
    markers.forEach(function (m) { m.classList.toggle('current', m.dataset.step === String(n)); });
    window.scrollTo(0, 0);
  }

  function valid(step) {
    var fields = step.querySelectorAll('input, select, textarea');
    for (var i = 0; i < fields.length; i++) {
      if (!fields[i].checkValidity()) { fields[i].reportValidity(); return false; }
    }
    return true;
  }

  function letterLink() {
    if (!template) { return; }
    var url = new URL(form.dataset.letterUrl, window.location.href);
    url.searchParams.set('enterpriseName', document.getElementById('enterpriseName').value.trim());
    url.searchParams.set('uscc', document.getElementById('uscc').value.trim().toUpperCase());
    template.href = url.pathname + url.search;
  }

  var longTerm = document.getElementById('licenceLongTerm');
  var until = document.getElementById('licenceValidUntil');
  function validity() { until.disabled = longTerm.checked; until.required = !longTerm.checked; if (longTerm.checked) { until.value = ''; } }
  longTerm.addEventListener('change', validity);
  validity();

  form.querySelectorAll('.step-next').forEach(function (button) {
    button.addEventListener('click', function () {
      var step = button.closest('.claim-step');
      if (!valid(step)) { return; }
      letterLink();
      show(button.dataset.next);
    });
  });
  markers.forEach(function (m) {
    m.addEventListener('click', function () {
      var n = Number(m.dataset.step);
      for (var i = 0; i < n - 1; i++) { if (!valid(steps[i])) { show(i + 1); return; } }
      letterLink();
      show(n);
    });
  });
  // a refused claim comes back with its errors: open the first step that has one
  var first = steps.filter(function (s) { return s.querySelector('.field-error:not([hidden])'); })[0];
  show(first ? first.dataset.step : 1);
})();
