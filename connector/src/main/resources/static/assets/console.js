// The store console's few lines of script: htmx calls carry the CSRF token, and deadlines count down.
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  if (token && header) {
    e.detail.headers[header.content] = token.content;
  }
});

function kassaCountdown() {
  var now = Date.now();
  document.querySelectorAll('.countdown[data-deadline]').forEach(function (el) {
    var left = Math.floor((Number(el.dataset.deadline) - now) / 1000);
    if (left <= 0) {
      el.textContent = 'deadline passed';
      el.classList.add('late');
      return;
    }
    var h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
    el.textContent = (h > 0 ? h + ' h ' : '') + m + ' min ' + (s < 10 ? '0' : '') + s + ' s left';
    el.classList.toggle('soon', left < 600);
  });
}
setInterval(kassaCountdown, 1000);
document.addEventListener('htmx:afterSwap', kassaCountdown);
document.addEventListener('DOMContentLoaded', kassaCountdown);
