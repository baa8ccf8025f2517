// Live figures on the bulletin's sending-progress screen. Without script the page's refresh link does the same.
(function () {
  'use strict';
  var panel = document.getElementById('send-progress');
  if (!panel || panel.getAttribute('data-live') !== 'true') {
    return;
  }

  var url = panel.getAttribute('data-progress-url');
  var intervalMs = 3000;

  function show(figures) {
    var fields = panel.querySelectorAll('[data-field]');
    for (var i = 0; i < fields.length; i++) {
      var name = fields[i].getAttribute('data-field');
      if (name === 'done') {
        fields[i].max = Math.max(1, figures.total);
        fields[i].value = figures.total - figures.remaining;
      } else if (Object.prototype.hasOwnProperty.call(figures, name)) {
        fields[i].textContent = String(figures[name]);
      }
    }
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (figures) {
        if (!figures) {
          return;
        }

        show(figures);
        if (figures.status === 'Sending' || figures.status === 'Paused') {
          window.setTimeout(poll, intervalMs);
        } else {
          // Finished or cancelled: reload once so the buttons match what is now possible.
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, intervalMs * 2); });
  }

  window.setTimeout(poll, intervalMs);
})();
