/*
 * Re-decides the time-based states of kennissessies in the reader's browser.
 *
 * A page is built at one moment and read later: without this script, a page built last week
 * would still offer registration after the deadline. The rules are the same as in
 * plugins/arbeidsmigranten_portaal/states.py (a test runs one table of cases through both). Without JavaScript
 * the page shows the state of the moment it was built.
 */
(function (root) {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
  // Time only moves forward: the browser never reopens what the build already closed (a
  // reader's clock can be wrong). Higher rank = further along.
  var REGISTRATION_RANK = { open: 0, closing_soon: 1, full: 2, closed: 3, none: 4 };
  var SESSION_RANK = { scheduled: 0, moved: 0, past: 1, cancelled: 2 };

  function builtState(el, prefix) {
    var match = new RegExp(prefix + "--(\\S+)").exec(el.className);
    return match ? match[1] : null;
  }

  function sessionState(status, end, now) {
    if (status === "geannuleerd") return "cancelled";
    if (now >= end) return "past";
    if (status === "verplaatst") return "moved";
    return "scheduled";
  }

  function registrationState(status, start, deadline, full, soonDays, now) {
    if (status === "geannuleerd") return "none";
    if (now >= start) return "closed";
    if (full || status === "vol") return "full";
    if (now > deadline) return "closed";
    if (deadline - now <= soonDays * DAY) return "closing_soon";
    return "open";
  }

  // An action of the plan (the voortgang) is late once its planned time has passed, unless it
  // is done or stopped (states.py: action_is_late).
  var FINISHED = { gedaan: true, gestopt: true };
  function actionLate(status, lateFrom, now) {
    return !FINISHED[status] && now >= lateFrom;
  }

  function applyLate(doc, now) {
    var marks = doc.querySelectorAll("[data-portal-action-late]");
    if (!marks.length) return;
    Array.prototype.forEach.call(marks, function (el) {
      // Never taken back: what the build already found late stays late.
      if (actionLate(el.dataset.portalStatus, Date.parse(el.dataset.portalLateFrom), now)) el.hidden = false;
    });
    var counts = doc.querySelectorAll("[data-portal-late-count]");
    Array.prototype.forEach.call(counts, function (el) {
      var ambition = el.dataset.portalLateCount;
      var late = 0;
      Array.prototype.forEach.call(marks, function (mark) {
        var action = mark.closest("[data-portal-ambition]");
        if (!mark.hidden && (ambition === "all" || (action && action.dataset.portalAmbition === ambition))) late++;
      });
      el.textContent = String(late);
    });
  }

  function apply(doc, now) {
    applyLate(doc, now);
    // The last one: the template writes it at the end of the page, after anything in the content
    // that might carry the same id.
    var all = doc.querySelectorAll('script#portal-labels[type="application/json"]');
    var source = all.length ? all[all.length - 1] : null;
    if (!source) return;
    var labels = JSON.parse(source.textContent);

    var registrations = doc.querySelectorAll("[data-portal-registration]");
    Array.prototype.forEach.call(registrations, function (el) {
      var data = el.dataset;
      var state = registrationState(
        data.portalStatus,
        Date.parse(data.portalStart),
        Date.parse(data.portalDeadline),
        data.portalFull === "true",
        Number(data.portalSoonDays),
        now
      );
      var built = builtState(el, "portal-registration");
      if (built in REGISTRATION_RANK && REGISTRATION_RANK[state] < REGISTRATION_RANK[built]) return;
      var text = el.querySelector(".portal-registration__state");
      if (text && state !== "none") {
        text.textContent = labels["registration." + state].replace("{deadline}", data.portalDeadlineText);
      }
      var open = state === "open" || state === "closing_soon";
      var action = el.querySelector(".portal-registration__action");
      if (action) action.hidden = !open;
      var route = el.querySelector(".portal-registration__route");
      if (route) route.hidden = !open;
      // Full or closed: point to the other sessions instead.
      var instead = el.querySelector(".portal-registration__instead");
      if (instead) instead.hidden = open || state === "none";
      el.className = el.className.replace(/portal-registration--\S+/, "portal-registration--" + state);
    });

    var badges = doc.querySelectorAll("[data-portal-session-state]");
    Array.prototype.forEach.call(badges, function (el) {
      var state = sessionState(el.dataset.portalStatus, Date.parse(el.dataset.portalEnd), now);
      var built = builtState(el, "portal-badge");
      if (built in SESSION_RANK && SESSION_RANK[state] < SESSION_RANK[built]) return;
      el.textContent = labels["state." + state];
      el.className = el.className.replace(/portal-badge--\S+/, "portal-badge--" + state);
      if (state !== "scheduled") {
        el.hidden = false;
        var row = el.closest("[data-portal-state-row]");
        if (row) row.hidden = false;
      }
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { sessionState: sessionState, registrationState: registrationState, actionLate: actionLate };
  } else {
    apply(root.document, Date.now());
  }
})(this);
