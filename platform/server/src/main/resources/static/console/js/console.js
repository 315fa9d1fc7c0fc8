// Live preview of a tenant's branding while the operator edits it (no inline script: CSP).
document.addEventListener('DOMContentLoaded', function () {
  var bar = document.getElementById('preview-bar');
  var title = document.getElementById('preview-title');
  var colourInput = document.querySelector('[data-preview="color"]');
  var titleInput = document.querySelector('[data-preview="title"]');
  if (!bar) { return; }
  function paint() {
    var c = colourInput ? colourInput.value.trim() : '';
    if (/^#[0-9a-fA-F]{6}$/.test(c)) {
      bar.style.background = c;
      var n = parseInt(c.substring(1), 16);
      var lum = 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
      bar.style.color = lum > 150 ? '#000' : '#fff';
    }
    if (titleInput && title) { title.textContent = titleInput.value; }
  }
  if (colourInput) { colourInput.addEventListener('input', paint); }
  if (titleInput) { titleInput.addEventListener('input', paint); }
  colourInput && (colourInput.value = colourInput.value || bar.getAttribute('data-color') || '');
  paint();
});

// Choosing another plugin reloads the create form with that plugin's configuration fields.
document.addEventListener('DOMContentLoaded', function () {
  var choice = document.getElementById('plugin-choice');
  if (choice) { choice.addEventListener('change', function () { choice.form.submit(); }); }
});
