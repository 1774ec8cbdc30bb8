// The store console's few lines of script: htmx calls carry the CSRF token, and deadlines count down.
// What it says comes from window.kassaText (the page's language, console/parts.html); {0} is the argument.
function kassaSay(key, arg) {
  var text = (window.kassaText && window.kassaText[key]) || key;
  return text.replace('{0}', arg === undefined ? '' : arg);
}

// A form with data-confirm asks before it is sent (a plain form; htmx forms use hx-confirm)
document.addEventListener('submit', function (e) {
  var form = e.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    e.preventDefault();
  }
});
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  if (token && header) {
    e.detail.headers[header.content] = token.content;
  }
});

// "No tracking": the carrier and tracking number are no longer required (an order handed over in the shop)
function kassaNoTracking(box) {
  box.form.querySelectorAll('input[name=carrier], input[name=tracking]').forEach(function (i) {
    i.required = !box.checked;
  });
}
document.addEventListener('htmx:afterSwap', function () {
  document.querySelectorAll('input[name=noTracking]').forEach(kassaNoTracking);
});

// On a phone a table's rows stack (console.css): each cell gets its column's heading as a label
function kassaLabels() {
  document.querySelectorAll('table').forEach(function (t) {
    var heads = Array.prototype.map.call(t.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
    t.querySelectorAll('tbody tr').forEach(function (tr) {
      Array.prototype.forEach.call(tr.children, function (td, i) {
        if (heads[i] && !td.dataset.label) {
          td.dataset.label = heads[i];
        }
      });
    });
  });
}
document.addEventListener('DOMContentLoaded', kassaLabels);
document.addEventListener('htmx:afterSettle', kassaLabels);

// A line the shop's stock does not cover: Accept is no longer the obvious button
document.addEventListener('htmx:afterSettle', function () {
  document.querySelectorAll('.short-flag[data-offer]').forEach(function (flag) {
    var accept = document.getElementById('accept-' + flag.dataset.offer);
    if (accept) {
      accept.classList.remove('primary');
      accept.classList.add('caution');
    }
  });
  kassaSearch();
});

// Search the page's orders by order number, customer or item (what the cards and history rows show)
function kassaSearch() {
  var box = document.getElementById('search');
  var q = box ? box.value.trim().toLowerCase() : '';
  document.querySelectorAll('#offers article.offer, #offers #history tbody tr').forEach(function (el) {
    el.hidden = q !== '' && el.textContent.toLowerCase().indexOf(q) < 0;
  });
}

function kassaCountdown() {
  var now = Date.now();
  document.querySelectorAll('.countdown[data-deadline]').forEach(function (el) {
    var left = Math.floor((Number(el.dataset.deadline) - now) / 1000);
    if (left <= 0) {
      el.textContent = kassaSay('timeUp');
      el.classList.add('late');
      return;
    }
    var h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
    el.textContent = kassaSay('left', (h > 0 ? h + ' h ' : '') + m + ' min ' + (s < 10 ? '0' : '') + s + ' s');
    el.classList.toggle('soon', left < 600);
    el.closest('.offer') && el.closest('.offer').classList.toggle('urgent', left < 300);
  });
}
setInterval(kassaCountdown, 1000);
document.addEventListener('htmx:afterSwap', kassaCountdown);
document.addEventListener('DOMContentLoaded', kassaCountdown);

// Sound and a browser notification for a new order and for an order about to be lost (5 minutes left),
// unless the clerk switched them off (kept in this browser). kassaAlerts records what was raised.
window.kassaAlerts = [];
var kassaSeen = null;
var kassaWarned = {};

function kassaAlertsOn() {
  return localStorage.getItem('kassa.alerts') !== 'off';
}

function kassaAlertsShow() {
  var b = document.getElementById('alerts');
  if (b) {
    b.textContent = kassaAlertsOn() ? kassaSay('alertsOn') : kassaSay('alertsOff');
    b.setAttribute('aria-pressed', kassaAlertsOn() ? 'true' : 'false');
  }
}

function kassaAlertsToggle() {
  localStorage.setItem('kassa.alerts', kassaAlertsOn() ? 'off' : 'on');
  if (kassaAlertsOn() && window.Notification && Notification.permission === 'default') {
    Notification.requestPermission();
  }
  kassaAlertsShow();
}

function kassaAlert(kind, text) {
  if (!kassaAlertsOn()) {
    return;
  }
  window.kassaAlerts.push(kind);
  try {
    var audio = new (window.AudioContext || window.webkitAudioContext)();
    var tone = audio.createOscillator();
    tone.frequency.value = kind === 'soon' ? 880 : 660;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch (e) {
    // no sound here (the browser wants a click on the page first)
  }
  if (window.Notification && Notification.permission === 'granted') {
    new Notification('Kassa', {body: text});
  }
}

document.addEventListener('htmx:afterSettle', function () {
  var now = {};
  document.querySelectorAll('#incoming article.offer').forEach(function (a) { now[a.id] = true; });
  if (kassaSeen !== null) {
    Object.keys(now).forEach(function (id) {
      if (!kassaSeen[id]) {
        kassaAlert('new', kassaSay('newOrder', (document.querySelector('#' + id + ' h3 a') || {}).textContent));
      }
    });
  }
  kassaSeen = now;
});

document.addEventListener('DOMContentLoaded', kassaAlertsShow);
setInterval(function () {
  document.querySelectorAll('#incoming .countdown[data-deadline]').forEach(function (el) {
    var left = (Number(el.dataset.deadline) - Date.now()) / 1000;
    var card = el.closest('.offer');
    if (card && left > 0 && left < 300 && !kassaWarned[card.id]) {
      kassaWarned[card.id] = true;
      kassaAlert('soon', kassaSay('aboutToBeLost', (card.querySelector('h3 a') || {}).textContent));
    }
  });
}, 1000);
