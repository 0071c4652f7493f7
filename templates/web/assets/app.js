// Progressive enhancement only: every page works without this file.
// 1. Beside each <time data-zone> (a due moment shown in the deadline's zone), add the same moment in the
//    reader's own zone, as the browser reports it.
// 2. Pre-fill time-zone fields that still hold the server's default with the browser's zone.
(function () {
  'use strict';
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;

  var fields = document.querySelectorAll('input[data-zone-autofill="yes"]');
  for (var i = 0; i < fields.length; i++) fields[i].value = zone;

  var times = document.querySelectorAll('time[data-zone]');
  for (var j = 0; j < times.length; j++) {
    var el = times[j];
    if (el.getAttribute('data-zone') === zone) continue;
    var when = new Date(el.getAttribute('datetime'));
    if (isNaN(when.getTime())) continue;
    var monthly = el.getAttribute('data-precision') === 'month';
    var options = monthly
      ? { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }
      : { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };
    var text;
    try {
      // Day-month order from en-GB; the zone's short name from en-US, which says "EDT" where en-GB says "GMT-4".
      var parts = new Intl.DateTimeFormat('en-GB', options).formatToParts(when);
      var name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(when).filter(function (p) { return p.type === 'timeZoneName'; })[0];
      text = parts.map(function (p) { return p.type === 'timeZoneName' && name ? name.value : p.value; }).join('');
    } catch (e) {
      continue;
    }
    var out = el.nextElementSibling;
    if (out && out.classList.contains('local-time')) {
      out.textContent = ' (' + text + ' your time, ' + zone.replace(/_/g, ' ') + ')';
      out.hidden = false;
    }
  }
})();
