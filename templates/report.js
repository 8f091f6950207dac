// Filters for the newsclaims report: status, language, subject, predicate, place, outlet,
// publication dates and a text search hide or show cluster rows through their data-*
// attributes and text. Opening the page with #selftest exercises the filters, times a
// filter change, and writes the results into a pre#selftest.
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) {
    errors.push(String(e.message || e));
  });

  var form = document.getElementById("filters");
  var rows = Array.prototype.slice.call(document.querySelectorAll("article.cluster"));
  var sections = Array.prototype.slice.call(document.querySelectorAll(".status-section"));
  var statusBoxes = Array.prototype.slice.call(form.querySelectorAll('input[name="status"]'));
  var langBoxes = Array.prototype.slice.call(form.querySelectorAll('input[name="lang"]'));
  var subject = document.getElementById("subject-filter");
  var selects = [
    [subject, "subject"],
    [document.getElementById("predicate-filter"), "predicate"],
    [document.getElementById("place-filter"), "place"],
  ];
  var outlet = document.getElementById("outlet-filter");
  var text = document.getElementById("text-filter");
  var from = document.getElementById("from-filter");
  var to = document.getElementById("to-filter");
  // Each row's text in lower case, read once: searching re-reads no DOM.
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var shown = document.getElementById("visible-count");
  var noMatch = document.getElementById("no-match");

  function checkedValues(boxes) {
    var set = Object.create(null);
    boxes.forEach(function (b) {
      if (b.checked) set[b.value] = true;
    });
    return set;
  }

  // Whether a row's story (its articles' first/last publication dates) overlaps the
  // chosen dates; a row without dates is shown unless dates are chosen.
  function inDates(row) {
    if (!from.value && !to.value) return true;
    var story = (row.dataset.story || "").split("/");
    if (!story[0]) return false;
    var last = story[story.length - 1];
    return (!from.value || last >= from.value) && (!to.value || story[0] <= to.value);
  }

  function apply() {
    var statuses = checkedValues(statusBoxes);
    var langs = checkedValues(langBoxes);
    var wantedOutlet = outlet && outlet.selectedIndex > 0 ? String(outlet.selectedIndex - 1) : "";
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var visible = 0;
    rows.forEach(function (row, i) {
      var rowLangs = (row.dataset.langs || "").split(" ").filter(Boolean);
      var langOk = rowLangs.length === 0 || rowLangs.some(function (l) { return langs[l]; });
      var keyOk = selects.every(function (s) { return !s[0].value || row.dataset[s[1]] === s[0].value; });
      var outletOk = !wantedOutlet || (row.dataset.outlets || "").split(" ").indexOf(wantedOutlet) >= 0;
      var textOk = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      var show = !!statuses[row.dataset.status] && langOk && keyOk && outletOk && textOk && inDates(row);
      row.hidden = !show;
      if (show) visible += 1;
    });
    sections.forEach(function (section) {
      var members = section.querySelectorAll("article.cluster");
      var anyShown = section.querySelector("article.cluster:not([hidden])") !== null;
      section.hidden = !statuses[section.dataset.section] || (members.length > 0 && !anyShown);
    });
    shown.textContent = visible + " of " + rows.length + " shown";
    noMatch.hidden = visible > 0 || rows.length === 0;
  }

  function reset() {
    statusBoxes.concat(langBoxes).forEach(function (b) { b.checked = true; });
    selects.forEach(function (s) { s[0].value = ""; });
    if (outlet) outlet.value = "";
    text.value = "";
    from.value = "";
    to.value = "";
    apply();
  }

  // A cluster's evidence beyond its first sentences per group, rendered on demand.
  function unfold(row) {
    Array.prototype.forEach.call(row.querySelectorAll("template.more-evidence"), function (t) {
      t.replaceWith(t.content);
    });
    var button = row.querySelector("button.show-evidence");
    if (button) button.remove();
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button.show-evidence") : null;
    if (button) unfold(button.closest("article.cluster"));
  });

  // The element of an id, rendering the folded evidence that holds it if need be.
  function element(id) {
    var found = document.getElementById(id);
    if (found || !id) return found;
    var templates = document.querySelectorAll("template.more-evidence");
    for (var i = 0; i < templates.length; i++) {
      if (templates[i].content.getElementById(id)) {
        unfold(templates[i].closest("article.cluster"));
        return document.getElementById(id);
      }
    }
    return null;
  }

  // Following a link to evidence: show its cluster and open its evidence list.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? element(id) : null;
    if (!target) return;
    var row = target.closest("article.cluster");
    if (row && row.hidden) reset();
    var details = target.closest("details");
    if (details) details.open = true;
    target.scrollIntoView();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  form.addEventListener("change", apply);
  text.addEventListener("input", apply);
  document.getElementById("reset-filters").addEventListener("click", reset);
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();

  // The self-test runs once the page has loaded, so that it can say how long loading took.
  if (location.hash === "#selftest") window.addEventListener("load", selftest);

  function selftest() {
    function visibleRows() {
      return rows.filter(function (r) { return r.getClientRects().length > 0; });
    }
    function countStatus(list, status) {
      return list.filter(function (r) { return r.dataset.status === status; }).length;
    }
    function setBox(boxes, value, on) {
      boxes.forEach(function (b) {
        if (b.value === value) {
          b.checked = on;
          b.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    }
    var result = {};
    try {
      var navigation = performance.getEntriesByType("navigation")[0];
      result.loadMs = navigation ? navigation.loadEventStart : -1;
      result.conflictCount = document.getElementById("conflict-count").textContent.trim();
      result.rows = rows.length;
      result.statusOrder = rows.map(function (r) { return r.dataset.status; });
      result.visibleBefore = visibleRows().length;
      result.agreeRows = countStatus(rows, "agree");
      setBox(statusBoxes, "agree", false);
      var withoutAgree = visibleRows();
      result.visibleWithoutAgree = withoutAgree.length;
      result.agreeVisibleWithoutAgree = countStatus(withoutAgree, "agree");
      result.shownTextWithoutAgree = shown.textContent;
      setBox(statusBoxes, "agree", true);
      result.visibleAfterRecheck = visibleRows().length;

      var option = subject.options.length > 1 ? subject.options[1].value : "";
      subject.value = option;
      subject.dispatchEvent(new Event("change", { bubbles: true }));
      var bySubject = visibleRows();
      result.subject = option;
      result.subjectRows = rows.filter(function (r) { return r.dataset.subject === option; }).length;
      result.visibleForSubject = bySubject.length;
      result.otherSubjectsVisible = bySubject.filter(function (r) { return r.dataset.subject !== option; }).length;
      subject.value = "";
      subject.dispatchEvent(new Event("change", { bubbles: true }));

      var firstLang = langBoxes.length > 0 ? langBoxes[0].value : "";
      langBoxes.forEach(function (b) { setBox(langBoxes, b.value, b.value === firstLang); });
      var byLang = visibleRows();
      result.lang = firstLang;
      result.visibleForLang = byLang.length;
      result.otherLangsVisible = byLang.filter(function (r) {
        return (r.dataset.langs || "").split(" ").indexOf(firstLang) < 0;
      }).length;
      reset();

      var predicate = selects[1][0];
      var predicateOption = predicate.options.length > 1 ? predicate.options[1].value : "";
      var started = performance.now();
      predicate.value = predicateOption;
      predicate.dispatchEvent(new Event("change", { bubbles: true }));
      var byPredicate = visibleRows();
      result.filterMs = performance.now() - started;
      result.predicate = predicateOption;
      result.predicateRows = rows.filter(function (r) { return r.dataset.predicate === predicateOption; }).length;
      result.visibleForPredicate = byPredicate.length;
      result.otherPredicatesVisible = byPredicate.filter(function (r) { return r.dataset.predicate !== predicateOption; }).length;
      reset();

      var word = option.toLowerCase();
      text.value = word;
      text.dispatchEvent(new Event("input", { bubbles: true }));
      var bySearch = visibleRows();
      result.search = word;
      result.visibleForSearch = bySearch.length;
      result.searchMissesShown = bySearch.filter(function (r) { return r.textContent.toLowerCase().indexOf(word) < 0; }).length;
      reset();
      result.visibleAfterReset = visibleRows().length;
    } catch (e) {
      errors.push(String(e && e.stack ? e.stack : e));
    }
    result.errors = errors;
    var out = document.createElement("pre");
    out.id = "selftest";
    out.textContent = JSON.stringify(result);
    document.body.appendChild(out);
  }
})();
