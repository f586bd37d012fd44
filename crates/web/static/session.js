// The idle warning (WCAG 2.2.1 Timing Adjustable): on a page with a form, warn before
// the session ends without activity and offer to extend it. The server renders when the
// session ends and how early to warn on <body>, and the words in <template>s, so this
// script holds no text and no rule of its own. Without JavaScript nothing is lost
// either: a form sent after the session ended is kept until the person signs in again.
(function () {
  'use strict';
  var body = document.body;
  var endsIn = Number(body.dataset.sessionEndsIn);
  var warnBefore = Number(body.dataset.sessionWarnBefore);
  var main = document.getElementById('inhoud');
  if (!endsIn || !main || !main.querySelector('form[method="post"], form[method="POST"]')) return;

  var shown = null;
  var timers = [];

  function clear() {
    timers.forEach(clearTimeout);
    timers = [];
    if (shown) { shown.remove(); shown = null; }
  }

  function show(id) {
    if (shown) shown.remove();
    var template = document.getElementById(id);
    shown = template.content.firstElementChild.cloneNode(true);
    main.insertBefore(shown, main.firstChild);
    return shown;
  }

  function warn() {
    var box = show('session-warning');
    var button = box.querySelector('button');
    button.addEventListener('click', function () {
      button.disabled = true;
      fetch('/sessie/verlengen', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': button.dataset.csrf },
      }).then(function (response) {
        if (response.ok) { schedule(endsInAfterExtend); } else { ended(); }
      }, function () { button.disabled = false; });
    });
    button.focus();
  }

  function ended() {
    show('session-ended');
  }

  // Extending starts the idle period afresh: the whole idle limit from now.
  var endsInAfterExtend = Number(body.dataset.sessionIdle) || endsIn;

  function schedule(seconds) {
    clear();
    timers.push(setTimeout(warn, Math.max(0, seconds - warnBefore) * 1000));
    timers.push(setTimeout(ended, seconds * 1000));
  }

  schedule(endsIn);
})();
