// Progressive enhancement only: every page works without this file.
// 1. Each due block is rendered in the deadline's own zone (the server does not know the reader's). Here
//    it is rewritten to lead with the reader's own clock time and "(your time)"; the issuer's time is
//    already on its own line below (server-written, so the rewrite does not move the page).
// 2. Pre-fill time-zone fields that still hold the server's default with the browser's zone.
// 3. After a failed submission, move focus to the list of problems.
(function () {
  'use strict';
  var summary = document.getElementById('subscribe-errors');
  if (summary && document.activeElement !== summary) summary.focus();

  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;

  var fields = document.querySelectorAll('input[data-zone-autofill="yes"]');
  for (var i = 0; i < fields.length; i++) fields[i].value = zone;

  var blocks = document.querySelectorAll('.due-block');
  for (var j = 0; j < blocks.length; j++) {
    var block = blocks[j];
    var el = block.querySelector('time[data-zone]');
    if (!el || el.getAttribute('data-zone') === zone) continue;
    var when = new Date(el.getAttribute('datetime'));
    if (isNaN(when.getTime())) continue;
    var text;
    try {
      text = readerTime(when, zone, el.getAttribute('data-year') === 'show');
    } catch (e) {
      continue;
    }
    el.textContent = text;
    el.setAttribute('title', zone);
    var yours = block.querySelector('.your-time');
    if (yours) yours.hidden = false;
  }

  // 'Sun 31 May, 10:59 EDT' (with the year when it is not this year): the same shape the server writes.
  // The server says whether to write the year (its clock is the one that counts, not this computer's).
  function readerTime(when, tz, showYear) {
    var year = new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric' }).format(when);
    var parts = new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(when);
    var get = function (type) {
      for (var k = 0; k < parts.length; k++) if (parts[k].type === type) return parts[k].value;
      return '';
    };
    // en-US says "EDT" where en-GB says "GMT-4"; elsewhere both give an offset, written "UTC+9".
    var name = '';
    var named = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' }).formatToParts(when);
    for (var n = 0; n < named.length; n++) if (named[n].type === 'timeZoneName') name = named[n].value;
    if (!/^[A-Z]{2,5}$/.test(name) || name === 'GMT') name = name.replace(/^GMT/, 'UTC') || 'UTC';
    return get('weekday') + ' ' + get('day') + ' ' + get('month') + (showYear ? ' ' + year : '') + ', ' + get('hour') + ':' + get('minute') + ' ' + name;
  }
})();
